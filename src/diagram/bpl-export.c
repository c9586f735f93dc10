/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-export.c: the diagram to PNG, SVG or PDF, through the same render as
 * the window. Files are rendered into memory and then written atomically, so
 * a failed export never leaves half a file behind. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "bpl-render.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "bpl-error.h"
#include "bpl-export-private.h"
#include "bpl-matrix.h"
#include "bpl-forward.h"
#include "bpl-png-private.h"

/* Cairo's image surfaces stop at 32767 px a side; stay well inside. */
#define MAX_PIXELS_PER_SIDE 16384.0

char *
bpl_export_pdf_date (void)
{
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");
  g_autoptr (GDateTime) when = NULL;

  if (epoch != NULL && *epoch != '\0')
    {
      char *end = NULL;
      guint64 seconds = g_ascii_strtoull (epoch, &end, 10);

      /* A value that is not a plain count of seconds is ignored. */
      if (*end == '\0' && seconds <= (guint64) G_MAXINT64)
        when = g_date_time_new_from_unix_utc ((gint64) seconds);
    }
  if (when == NULL)
    when = g_date_time_new_now_utc ();
  return g_date_time_format (when, "%Y-%m-%dT%H:%M:%SZ");
}

gboolean
bpl_export_format_from_path (const char       *path,
                             BplExportFormat  *out,
                             GError          **error)
{
  static const struct {
    const char     *extension;
    BplExportFormat format;
  } formats[] = {
    { ".png", BPL_EXPORT_PNG },
    { ".svg", BPL_EXPORT_SVG },
    { ".pdf", BPL_EXPORT_PDF },
    { ".tex", BPL_EXPORT_TIKZ },
  };
  g_autofree char *lower = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  lower = g_ascii_strdown (path, -1);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_str_has_suffix (lower, formats[i].extension))
      {
        if (out != NULL)
          *out = formats[i].format;
        return TRUE;
      }

  g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID,
               _("%s: unknown file type: the name must end in .png, .svg, .pdf or .tex (TikZ)"),
               path);
  return FALSE;
}

/* A PNG is drawn a band of rows at a time, each band rendering the whole
 * diagram clipped to its rows (bpl_render skips text out of sight) into one
 * reused buffer that stays in the processor's cache. A 1200×800 image is
 * 3.8 MB, and first touching that much fresh memory (page faults, more of
 * them in a virtual machine) cost more than drawing the diagram. A band is
 * moved by a whole number of pixels, so it rasterises exactly as one big
 * surface would. */
#define PNG_BAND_BYTES (256 * 1024)

static cairo_status_t
export_png (BplExportDrawFunc  draw,
            gpointer           user_data,
            double             width,
            double             height,
            gboolean           opaque,
            double             scale,
            GByteArray        *bytes)
{
  int pixel_width = (int) ceil (width * scale);
  int pixel_height = (int) ceil (height * scale);
  int band_rows = CLAMP (PNG_BAND_BYTES / (pixel_width * 4), 1, pixel_height);
  cairo_surface_t *band = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, pixel_width, band_rows);
  g_autoptr (BplPngEncoder) encoder = bpl_png_encoder_new ((guint) pixel_width,
                                                           (guint) pixel_height,
                                                           !opaque);
  cairo_status_t status = cairo_surface_status (band);

  cairo_surface_set_device_scale (band, scale, scale);
  for (int y = 0; y < pixel_height && status == CAIRO_STATUS_SUCCESS; y += band_rows)
    {
      cairo_t *cr;

      cairo_surface_set_device_offset (band, 0, -y);
      cr = cairo_create (band);
      cairo_save (cr);
      cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
      cairo_paint (cr);
      cairo_restore (cr);
      draw (cr, user_data);
      status = cairo_status (cr);
      cairo_destroy (cr);
      cairo_surface_flush (band);
      bpl_png_encoder_add_rows (encoder, cairo_image_surface_get_data (band),
                                (gsize) cairo_image_surface_get_stride (band),
                                (guint) MIN (band_rows, pixel_height - y));
    }
  cairo_surface_destroy (band);
  if (status == CAIRO_STATUS_SUCCESS && !bpl_png_encoder_finish (g_steal_pointer (&encoder), bytes))
    status = CAIRO_STATUS_WRITE_ERROR;
  return status;
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static cairo_status_t
export_vector (BplExportDrawFunc  draw,
               gpointer           user_data,
               double             width,
               double             height,
               const char        *title,
               BplExportFormat    format,
               GByteArray        *bytes)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  if (format == BPL_EXPORT_SVG)
    {
      surface = cairo_svg_surface_create_for_stream (append_bytes, bytes, width, height);
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
    }
  else
    {
      g_autofree char *date = bpl_export_pdf_date ();

      /* PDF user space is in points; 1 px = 0.75 pt keeps the page size
       * true to a 96 dpi screen. */
      surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes, width * 0.75,
                                                     height * 0.75);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_MOD_DATE, date);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Backprop Lens");
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
    }

  cr = cairo_create (surface);
  if (format == BPL_EXPORT_PDF)
    cairo_scale (cr, 0.75, 0.75);
  draw (cr, user_data);
  if (format == BPL_EXPORT_PDF)
    cairo_show_page (cr);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return status;
}

gboolean
bpl_export (const BplNetwork       *network,
            guint                   sample,
            const BplLayoutOptions *options,
            const BplStyle         *style,
            const BplRenderState   *state,
            double                  width,
            double                  height,
            double                  scale,
            BplExportFormat         format,
            const char             *path,
            GError                **error)
{
  g_autoptr (BplLayout) layout = NULL;

  g_return_val_if_fail (network != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!isfinite (width) || !isfinite (height) || width < 16 || height < 16)
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID,
                   _("%s: the diagram must be at least 16×16 pixels, not %g×%g"), path, width,
                   height);
      return FALSE;
    }
  layout = bpl_layout_new (network, width, height, options);
  return bpl_export_layout (network, layout, sample, style, state, scale, format, path, error);
}

/* The size a file may have: Cairo's image surfaces stop at 32767 px. */
static gboolean
check_size (double           width,
            double           height,
            double           scale,
            BplExportFormat  format,
            const char      *path,
            GError         **error)
{
  if (!isfinite (scale) || scale <= 0)
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID,
                   _("%s: the scale must be a positive number, not %g"), path, scale);
      return FALSE;
    }
  if (width * (format == BPL_EXPORT_PNG ? scale : 1) > MAX_PIXELS_PER_SIDE
      || height * (format == BPL_EXPORT_PNG ? scale : 1) > MAX_PIXELS_PER_SIDE)
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_LIMIT,
                   _("%s: %g×%g at scale %g is larger than %g pixels a side"), path, width, height,
                   format == BPL_EXPORT_PNG ? scale : 1, MAX_PIXELS_PER_SIDE);
      return FALSE;
    }
  return TRUE;
}

gboolean
bpl_export_drawing (BplExportDrawFunc   draw,
                    gpointer            user_data,
                    double              width,
                    double              height,
                    double              scale,
                    gboolean            opaque,
                    const char         *title,
                    BplExportFormat     format,
                    const char         *path,
                    GError            **error)
{
  g_autoptr (GByteArray) bytes = g_byte_array_new ();
  cairo_status_t status;

  g_return_val_if_fail (draw != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_size (width, height, scale, format, path, error))
    return FALSE;

  switch (format)
    {
    case BPL_EXPORT_PNG:
      status = export_png (draw, user_data, width, height, opaque, scale, bytes);
      break;
    case BPL_EXPORT_SVG:
    case BPL_EXPORT_PDF:
      status = export_vector (draw, user_data, width, height, title, format, bytes);
      break;
    case BPL_EXPORT_TIKZ:
      /* TikZ is written from the layout, not drawn: the diagram has it. */
      g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID,
                   _("%s: this view exports as PNG, SVG or PDF; TikZ (.tex) is for the network "
                     "diagram"), path);
      return FALSE;
    default:
      g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID, _("%s: unknown export format"), path);
      return FALSE;
    }

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_IO, _("%s: drawing failed: %s"), path,
                   cairo_status_to_string (status));
      return FALSE;
    }

  return bpl_export_write (path, bytes, error);
}

typedef struct
{
  const BplNetwork     *network;
  const BplForward     *forward;
  const BplLayout      *layout;
  const BplStyle       *style;
  const BplRenderState *state;
} DiagramDrawing;

static void
draw_diagram (cairo_t  *cr,
              gpointer  user_data)
{
  const DiagramDrawing *d = user_data;

  bpl_render (cr, d->network, d->forward, d->layout, d->style, d->state);
}

gboolean
bpl_export_layout (const BplNetwork     *network,
                   const BplLayout      *layout,
                   guint                 sample,
                   const BplStyle       *style,
                   const BplRenderState *state,
                   double                scale,
                   BplExportFormat       format,
                   const char           *path,
                   GError              **error)
{
  g_autoptr (BplForward) forward = NULL;
  BplRenderState render_state;
  DiagramDrawing drawing;
  const char *name;

  g_return_val_if_fail (network != NULL, FALSE);
  g_return_val_if_fail (layout != NULL, FALSE);
  g_return_val_if_fail (style != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_size (layout->width, layout->height, scale, format, path, error))
    return FALSE;
  if (sample >= bpl_network_get_n_samples (network))
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID,
                   _("%s: sample %u does not exist: the network has %u"), path, sample + 1,
                   bpl_network_get_n_samples (network));
      return FALSE;
    }

  forward = bpl_forward_new (network);
  bpl_forward_compute (forward, network, sample);

  if (state != NULL)
    render_state = *state;
  else
    bpl_render_state_init (&render_state);
  render_state.sample = sample;

  if (format == BPL_EXPORT_TIKZ)
    {
      g_autofree char *tex = bpl_diagram_to_tikz (network, forward, layout, style,
                                                  &render_state);
      g_autoptr (GByteArray) bytes = g_byte_array_new ();

      g_byte_array_append (bytes, (const guint8 *) tex, (guint) strlen (tex));
      return bpl_export_write (path, bytes, error);
    }

  drawing = (DiagramDrawing) { network, forward, layout, style, &render_state };
  name = bpl_network_get_name (network);
  /* The render paints the background first: an opaque one needs no alpha. */
  return bpl_export_drawing (draw_diagram, &drawing, layout->width, layout->height, scale,
                             style->background.a >= 1.0, name != NULL ? name : "Network", format,
                             path, error);
}

gboolean
bpl_export_write (const char  *path,
                  GByteArray  *bytes,
                  GError     **error)
{
  g_autofree char *temporary = g_strconcat (path, ".XXXXXX", NULL);
  gsize written = 0;
  int saved_errno = 0;
  int fd;

  /* g_file_set_contents_full () would also wait for the disk (fsync) to
   * replace an existing file: longer than drawing the diagram. */
  fd = g_mkstemp_full (temporary, O_WRONLY, 0666);
  if (fd < 0)
    saved_errno = errno;
  while (fd >= 0 && saved_errno == 0 && written < bytes->len)
    {
      gssize n = write (fd, bytes->data + written, bytes->len - written);

      if (n >= 0)
        written += (gsize) n;
      else if (errno != EINTR)
        saved_errno = errno;
    }
  if (fd >= 0 && close (fd) != 0 && saved_errno == 0)
    saved_errno = errno;
  if (saved_errno == 0 && g_rename (temporary, path) != 0)
    saved_errno = errno;
  if (saved_errno == 0)
    return TRUE;

  if (fd >= 0)
    g_unlink (temporary);
  g_set_error (error, BPL_ERROR, BPL_ERROR_IO, _("%s: cannot write: %s"), path,
               g_strerror (saved_errno));
  return FALSE;
}

typedef struct
{
  const BplNetwork      *network;
  const BplMatrixLayout *layout;
  const BplStyle        *style;
  const BplRenderState  *state;
} MatrixDrawing;

static void
draw_matrix (cairo_t  *cr,
             gpointer  user_data)
{
  const MatrixDrawing *d = user_data;

  bpl_render_matrix (cr, d->network, d->layout, d->style, d->state);
}

gboolean
bpl_export_matrix (const BplNetwork      *network,
                   const BplMatrixLayout *layout,
                   const BplStyle        *style,
                   const BplRenderState  *state,
                   double                 scale,
                   BplExportFormat        format,
                   const char            *path,
                   GError               **error)
{
  MatrixDrawing drawing = { network, layout, style, state };
  const char *name;

  g_return_val_if_fail (network != NULL, FALSE);
  g_return_val_if_fail (layout != NULL, FALSE);
  g_return_val_if_fail (style != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  name = bpl_network_get_name (network);
  return bpl_export_drawing (draw_matrix, &drawing, layout->width, layout->height, scale,
                             style->background.a >= 1.0, name != NULL ? name : "Network", format,
                             path, error);
}
