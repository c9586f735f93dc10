/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-png.c: PNG encoding for diagram exports.
 *
 * A diagram is mostly flat background with thin lines and text. General
 * purpose deflate (libpng + zlib, even at level 1) spends about 35 CPU
 * cycles on every byte of a 1200×800 image looking for matches that a flat
 * picture does not need, which made PNG encoding most of the `render`
 * command's time. This encoder writes one fixed-Huffman deflate block and
 * looks for just two kinds of repetition: the pixel to the left and the row
 * above. Flat regions then cost a few cycles a byte, files stay small, and
 * any PNG reader decodes the result (tests/diagram/test-png.c checks that
 * libpng reads back exactly the pixels written).
 *
 * Rows arrive in bands, so an export never needs the whole picture in memory
 * at once (see bpl-export.c). A row equal to the one above is common (margins,
 * the space between layers) and costs only a comparison: it is sent as
 * matches of the row above, and its Adler-32 sums are the previous row's. */
#include "config.h"

#include "bpl-png-private.h"

#include <string.h>
#include <zlib.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define MIN_MATCH 3
#define MAX_MATCH 258
#define MAX_DISTANCE 32768
/* Adler-32 (RFC 1950): sums are taken modulo this prime. */
#define ADLER_BASE 65521u

typedef struct
{
  GByteArray *out;
  guint       len;    /* bytes of out in use; out is grown ahead, row by row */
  guint64     bits;   /* pending bits, least significant first */
  int         n_bits;
} BitWriter;

/* One symbol of the fixed literal/length code: its bits already reversed,
 * since deflate sends Huffman codes most significant bit first. */
typedef struct
{
  guint16 code;
  guint8  length;
} Code;

typedef struct
{
  Code    symbol;
  guint8  extra_bits;
  guint16 extra;
} LengthCode;

static Code literal_codes[288];
static LengthCode length_codes[MAX_MATCH + 1];

static guint
reverse_bits (guint value, int n)
{
  guint r = 0;
  for (int i = 0; i < n; i++)
    r |= ((value >> i) & 1u) << (n - 1 - i);
  return r;
}

/* RFC 1951, 3.2.6: the fixed Huffman code, and 3.2.5: lengths 3…258. */
static void
init_tables (void)
{
  static const guint16 length_base[29] = { 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
                                           35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258 };
  static const guint8 length_extra[29] = { 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
                                           2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0 };

  for (guint s = 0; s < 288; s++)
    {
      guint code;
      int length;
      if (s < 144)
        code = 0x30 + s, length = 8;
      else if (s < 256)
        code = 0x190 + (s - 144), length = 9;
      else if (s < 280)
        code = s - 256, length = 7;
      else
        code = 0xc0 + (s - 280), length = 8;
      literal_codes[s] = (Code) { (guint16) reverse_bits (code, length), (guint8) length };
    }
  for (guint c = 0; c < 29; c++)
    {
      guint last = c + 1 < 29 ? length_base[c + 1] : MAX_MATCH + 1;
      for (guint len = length_base[c]; len < last; len++)
        length_codes[len] = (LengthCode) { literal_codes[257 + c], length_extra[c],
                                           (guint16) (len - length_base[c]) };
    }
}

static inline void
put_bits (BitWriter *w, guint32 value, int n)
{
  w->bits |= (guint64) value << w->n_bits;
  w->n_bits += n;
  if (w->n_bits >= 32)
    {
      guint8 *d = w->out->data + w->len;
      d[0] = (guint8) w->bits;
      d[1] = (guint8) (w->bits >> 8);
      d[2] = (guint8) (w->bits >> 16);
      d[3] = (guint8) (w->bits >> 24);
      w->len += 4;
      w->bits >>= 32;
      w->n_bits -= 32;
    }
}

/* Room for @n_bytes of input: a literal costs at most 9 bits. */
static void
reserve (BitWriter *w, guint n_bytes)
{
  guint need = w->len + n_bytes + n_bytes / 8 + 16;
  if (need > w->out->len)
    g_byte_array_set_size (w->out, MAX (need, w->out->len * 2));
}

static void
flush_bits (BitWriter *w)
{
  reserve (w, 8);
  while (w->n_bits > 0)
    {
      w->out->data[w->len++] = (guint8) w->bits;
      w->bits >>= 8;
      w->n_bits -= 8;
    }
  w->n_bits = 0;
  w->bits = 0;
  g_byte_array_set_size (w->out, w->len);
}

static inline void
put_literal (BitWriter *w, guint8 byte)
{
  put_bits (w, literal_codes[byte].code, literal_codes[byte].length);
}

/* A distance's code and extra bits, computed once per image. */
typedef struct
{
  guint32 code;   /* reversed 5-bit code */
  int     extra_bits;
  guint32 extra;
} DistanceCode;

static DistanceCode
distance_code (guint distance)
{
  static const guint16 base[30] = { 1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385,
                                    513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385,
                                    24577 };
  guint c = 29;
  while (base[c] > distance)
    c--;
  return (DistanceCode) { reverse_bits (c, 5), c < 4 ? 0 : (int) (c / 2 - 1), distance - base[c] };
}

static inline void
put_match (BitWriter *w, guint length, const DistanceCode *d)
{
  const LengthCode *l = &length_codes[length];
  put_bits (w, l->symbol.code, l->symbol.length);
  if (l->extra_bits > 0)
    put_bits (w, l->extra, l->extra_bits);
  put_bits (w, d->code, 5);
  if (d->extra_bits > 0)
    put_bits (w, d->extra, d->extra_bits);
}

/* Equal bytes at a and b, up to limit, eight at a time. */
static inline guint
match_length (const guint8 *a, const guint8 *b, guint limit)
{
  guint n = 0;
  while (n + 8 <= limit)
    {
      guint64 x, y;
      memcpy (&x, a + n, 8);
      memcpy (&y, b + n, 8);
      if (x != y)
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
        return n + (guint) (__builtin_ctzll (x ^ y) / 8);
#else
        return n + (guint) (__builtin_clzll (x ^ y) / 8);
#endif
      n += 8;
    }
  while (n < limit && a[n] == b[n])
    n++;
  return n;
}

/* One scanline (filter byte included), matching against the pixel to the
 * left (distance bpp) and the same byte of the row above (distance stride). */
static void
compress_row (BitWriter *w, const guint8 *row, const guint8 *above, guint length, guint bpp,
              const DistanceCode *left, const DistanceCode *up)
{
  guint i = 0;

  while (i < length)
    {
      guint limit = MIN (length - i, MAX_MATCH);
      guint up_len = above != NULL ? match_length (row + i, above + i, limit) : 0;
      guint left_len = up_len < limit && i >= 1 + bpp ? match_length (row + i, row + i - bpp, limit) : 0;

      if (up_len >= MIN_MATCH && up_len >= left_len)
        {
          put_match (w, up_len, up);
          i += up_len;
        }
      else if (left_len >= MIN_MATCH)
        {
          put_match (w, left_len, left);
          i += left_len;
        }
      else
        put_literal (w, row[i++]);
    }
}

static void
append_be32 (GByteArray *out, guint32 v)
{
  guint8 b[4] = { (guint8) (v >> 24), (guint8) (v >> 16), (guint8) (v >> 8), (guint8) v };
  g_byte_array_append (out, b, 4);
}

/* Length, type, data, CRC over type and data. */
static void
append_chunk (GByteArray *out, const char *type, const guint8 *data, gsize length)
{
  guint32 crc = crc32 (0, (const Bytef *) type, 4);
  append_be32 (out, (guint32) length);
  g_byte_array_append (out, (const guint8 *) type, 4);
  if (length > 0)
    {
      g_byte_array_append (out, data, (guint) length);
      crc = crc32 (crc, data, (uInt) length);
    }
  append_be32 (out, crc);
}

struct _BplPngEncoder
{
  GByteArray  *idat;
  BitWriter    w;
  guint        width;
  guint        height;
  guint        rows_done;
  gboolean     alpha;
  guint        bpp;
  guint        row_length;
  guint8      *rows;        /* this row and the one above, filter byte first */
  guint8      *source_row;  /* the last ARGB32 row seen, to spot repeats */
  /* Adler-32 so far, and one row's contribution to it: the sum of its bytes
   * and the sum of each byte times its distance from the row's end. */
  guint32      adler_a;
  guint32      adler_b;
  guint64      row_sum;
  guint64      row_weighted_sum;
  DistanceCode left;
  DistanceCode up;
};

BplPngEncoder *
bpl_png_encoder_new (guint    width,
                     guint    height,
                     gboolean alpha)
{
  static gsize tables_ready = 0;
  BplPngEncoder *self;

  g_return_val_if_fail (width > 0 && height > 0, NULL);

  if (g_once_init_enter (&tables_ready))
    {
      init_tables ();
      g_once_init_leave (&tables_ready, 1);
    }

  self = g_new0 (BplPngEncoder, 1);
  self->width = width;
  self->height = height;
  self->alpha = alpha;
  self->bpp = alpha ? 4 : 3;
  self->row_length = 1 + width * self->bpp;
  self->left = distance_code (self->bpp);
  self->up = distance_code (MIN (self->row_length, MAX_DISTANCE));
  self->rows = g_malloc0 ((gsize) self->row_length * 2);
  self->source_row = g_malloc ((gsize) width * 4);
  self->adler_a = 1;
  self->idat = g_byte_array_sized_new ((guint) MIN ((gsize) self->row_length * height / 8 + 64,
                                                    G_MAXUINT / 2));
  self->w.out = self->idat;

  /* zlib header: deflate, 32 KiB window, no preset dictionary, fastest. */
  g_byte_array_append (self->idat, (const guint8 *) "\x78\x01", 2);
  self->w.len = self->idat->len;
  reserve (&self->w, 16);
  put_bits (&self->w, 1, 1); /* BFINAL: the only block */
  put_bits (&self->w, 1, 2); /* BTYPE 01: fixed Huffman codes */
  return self;
}

void
bpl_png_encoder_free (BplPngEncoder *self)
{
  if (self == NULL)
    return;
  g_byte_array_unref (self->idat);
  g_free (self->rows);
  g_free (self->source_row);
  g_free (self);
}

/* Cairo's premultiplied native-endian ARGB to PNG's RGB or straight RGBA. */
static void
convert_row (const guint32 *src, guint width, gboolean alpha, guint8 *d)
{
  if (!alpha)
    {
      for (guint x = 0; x < width; x++, d += 3)
        {
          guint32 p = src[x];
          d[0] = (p >> 16) & 0xff;
          d[1] = (p >> 8) & 0xff;
          d[2] = p & 0xff;
        }
      return;
    }
  for (guint x = 0; x < width; x++, d += 4)
    {
      guint32 p = src[x];
      guint a = p >> 24;
      if (a == 0)
        d[0] = d[1] = d[2] = d[3] = 0;
      else
        {
          d[0] = (guint8) ((((p >> 16) & 0xff) * 255 + a / 2) / a);
          d[1] = (guint8) ((((p >> 8) & 0xff) * 255 + a / 2) / a);
          d[2] = (guint8) (((p & 0xff) * 255 + a / 2) / a);
          d[3] = (guint8) a;
        }
    }
}

/* A row's two Adler-32 terms: Σ byte and Σ (length − i)·byte. With SSE2
 * (every x86-64), sixteen bytes at a time: for chunk j of m, the weight of
 * its byte t is 16·(m − j − 1) + (16 − t), so the sum is 16 × (the chunks'
 * running byte sums, added up) plus each chunk's Σ (16 − t)·byte. This was
 * half of the encoder's time as a byte-at-a-time loop. */
static void
row_sums (const guint8 *row, guint length, guint64 *sum, guint64 *weighted)
{
  guint64 s = 0, w = 0;
  guint i = 0;

#ifdef __SSE2__
  {
    const __m128i zero = _mm_setzero_si128 ();
    const __m128i weights_low = _mm_setr_epi16 (16, 15, 14, 13, 12, 11, 10, 9);
    const __m128i weights_high = _mm_setr_epi16 (8, 7, 6, 5, 4, 3, 2, 1);
    __m128i sums = zero;          /* two 64-bit lanes: Σ byte */
    __m128i running = zero;       /* two 64-bit lanes: Σ over chunks of sums before it */
    __m128i in_chunk = zero;      /* four 32-bit lanes: Σ (16 − t)·byte */
    guint m = length / 16;
    guint64 lanes[2];
    guint32 lanes32[4];

    for (guint j = 0; j < m; j++)
      {
        __m128i v = _mm_loadu_si128 ((const __m128i *) (row + 16 * j));

        running = _mm_add_epi64 (running, sums);
        sums = _mm_add_epi64 (sums, _mm_sad_epu8 (v, zero));
        in_chunk = _mm_add_epi32 (in_chunk,
                                  _mm_madd_epi16 (_mm_unpacklo_epi8 (v, zero), weights_low));
        in_chunk = _mm_add_epi32 (in_chunk,
                                  _mm_madd_epi16 (_mm_unpackhi_epi8 (v, zero), weights_high));
      }
    _mm_storeu_si128 ((__m128i *) lanes, sums);
    s = lanes[0] + lanes[1];
    _mm_storeu_si128 ((__m128i *) lanes, running);
    w = 16 * (lanes[0] + lanes[1]);
    _mm_storeu_si128 ((__m128i *) lanes32, in_chunk);
    w += (guint64) lanes32[0] + lanes32[1] + lanes32[2] + lanes32[3];
    /* Those weights counted from the end of the last chunk, not the row's. */
    i = 16 * m;
    w += (guint64) (length - i) * s;
  }
#endif
  for (; i < length; i++)
    {
      s += row[i];
      w += (guint64) (length - i) * row[i];
    }
  *sum = s;
  *weighted = w;
}

void
bpl_png_encoder_add_rows (BplPngEncoder *self,
                          const guint8  *data,
                          gsize          stride,
                          guint          n_rows)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (n_rows <= self->height - self->rows_done);

  for (guint r = 0; r < n_rows; r++, self->rows_done++)
    {
      const guint32 *src = (const guint32 *) (data + r * stride);
      guint y = self->rows_done;
      guint8 *row = self->rows + (y % 2) * self->row_length;
      const guint8 *previous = self->rows + ((y + 1) % 2) * self->row_length;
      /* The row above is out of deflate's reach in images over 10,922 px wide. */
      const guint8 *above = y > 0 && self->row_length <= MAX_DISTANCE ? previous : NULL;
      gboolean repeat = y > 0 && memcmp (src, self->source_row, (gsize) self->width * 4) == 0;

      reserve (&self->w, self->row_length);
      if (repeat)
        memcpy (row, previous, self->row_length);
      else
        {
          memcpy (self->source_row, src, (gsize) self->width * 4);
          row[0] = 0; /* filter: none */
          convert_row (src, self->width, self->alpha, row + 1);
          row_sums (row, self->row_length, &self->row_sum, &self->row_weighted_sum);
        }

      /* Adler-32 over the row: a += Σ bytes, b += n·a + Σ (n − i)·byte. */
      self->adler_b = (guint32) ((self->adler_b + (guint64) self->row_length * self->adler_a
                                  + self->row_weighted_sum) % ADLER_BASE);
      self->adler_a = (guint32) ((self->adler_a + self->row_sum) % ADLER_BASE);

      if (repeat && above != NULL)
        for (guint i = 0, left = self->row_length; left > 0; )
          {
            guint n = MIN (left, MAX_MATCH);
            /* A match is at least three bytes long: leave no shorter tail. */
            if (left - n > 0 && left - n < MIN_MATCH)
              n = left - MIN_MATCH;
            if (n < MIN_MATCH)
              {
                put_literal (&self->w, row[i]);
                n = 1;
              }
            else
              put_match (&self->w, n, &self->up);
            i += n;
            left -= n;
          }
      else
        compress_row (&self->w, row, above, self->row_length, self->bpp, &self->left, &self->up);
    }
}

gboolean
bpl_png_encoder_finish (BplPngEncoder *self,
                        GByteArray    *bytes)
{
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  guint8 ihdr[13];

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->rows_done != self->height)
    {
      bpl_png_encoder_free (self);
      return FALSE;
    }

  reserve (&self->w, 16);
  put_bits (&self->w, literal_codes[256].code, literal_codes[256].length); /* end of block */
  flush_bits (&self->w);
  append_be32 (self->idat, (self->adler_b << 16) | self->adler_a);

  g_byte_array_append (bytes, signature, sizeof signature);
  for (int i = 0; i < 4; i++)
    {
      ihdr[i] = (guint8) (self->width >> (24 - 8 * i));
      ihdr[4 + i] = (guint8) (self->height >> (24 - 8 * i));
    }
  ihdr[8] = 8;                      /* bits per channel */
  ihdr[9] = self->alpha ? 6 : 2;    /* RGBA or RGB */
  ihdr[10] = ihdr[11] = ihdr[12] = 0;
  append_chunk (bytes, "IHDR", ihdr, sizeof ihdr);
  append_chunk (bytes, "IDAT", self->idat->data, self->idat->len);
  append_chunk (bytes, "IEND", NULL, 0);
  bpl_png_encoder_free (self);
  return TRUE;
}
