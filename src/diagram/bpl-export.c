/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bpl-export.c: the diagram to PNG, SVG or PDF, through the same render as
 * the window. Files are rendered into memory and then written atomically, so
 * a failed export never leaves half a file behind. */
#include "config.h"

#include "bpl-render.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <math.h>

#include "bpl-error.h"
#include "bpl-forward.h"
#include "bpl-png-private.h"

/* Cairo's image surfaces stop at 32767 px a side; stay well inside. */
#define MAX_PIXELS_PER_SIDE 16384.0
/* A fixed date: the same diagram gives the same PDF, byte for byte. */
#define PDF_CREATION_DATE "2024-01-01T00:00:00Z"

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
               "%s: unknown file type: the name must end in .png, .svg or .pdf", path);
  return FALSE;
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
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
  g_autoptr (BplForward) forward = NULL;
  g_autoptr (GByteArray) bytes = g_byte_array_new ();
  g_autoptr (GError) local_error = NULL;
  BplRenderState render_state;
  cairo_surface_t *surface = NULL;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (network != NULL, FALSE);
  g_return_val_if_fail (style != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!isfinite (width) || !isfinite (height) || width < 16 || height < 16)
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID,
                   "%s: the diagram must be at least 16×16 pixels, not %g×%g", path, width,
                   height);
      return FALSE;
    }
  if (!isfinite (scale) || scale <= 0)
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID,
                   "%s: the scale must be a positive number, not %g", path, scale);
      return FALSE;
    }
  if (width * (format == BPL_EXPORT_PNG ? scale : 1) > MAX_PIXELS_PER_SIDE
      || height * (format == BPL_EXPORT_PNG ? scale : 1) > MAX_PIXELS_PER_SIDE)
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_LIMIT,
                   "%s: %g×%g at scale %g is larger than %g pixels a side", path, width, height,
                   format == BPL_EXPORT_PNG ? scale : 1, MAX_PIXELS_PER_SIDE);
      return FALSE;
    }
  if (sample >= bpl_network_get_n_samples (network))
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID,
                   "%s: sample %u does not exist: the network has %u", path, sample,
                   bpl_network_get_n_samples (network));
      return FALSE;
    }

  layout = bpl_layout_new (network, width, height, options);
  forward = bpl_forward_new (network);
  bpl_forward_compute (forward, network, sample);

  if (state != NULL)
    render_state = *state;
  else
    bpl_render_state_init (&render_state);
  render_state.sample = sample;

  switch (format)
    {
    case BPL_EXPORT_PNG:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (width * scale),
                                            (int) ceil (height * scale));
      cairo_surface_set_device_scale (surface, scale, scale);
      break;
    case BPL_EXPORT_SVG:
      surface = cairo_svg_surface_create_for_stream (append_bytes, bytes, width, height);
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
      break;
    case BPL_EXPORT_PDF:
      /* PDF user space is in points; 1 px = 0.75 pt keeps the page size
       * true to a 96 dpi screen. */
      surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes, width * 0.75,
                                                     height * 0.75);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, PDF_CREATION_DATE);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_MOD_DATE, PDF_CREATION_DATE);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Backprop Lens");
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                      bpl_network_get_name (network) != NULL
                                        ? bpl_network_get_name (network) : "Network");
      break;
    default:
      g_set_error (error, BPL_ERROR, BPL_ERROR_INVALID, "%s: unknown export format", path);
      return FALSE;
    }

  cr = cairo_create (surface);
  if (format == BPL_EXPORT_PDF)
    cairo_scale (cr, 0.75, 0.75);
  bpl_render (cr, network, forward, layout, style, &render_state);
  if (format == BPL_EXPORT_PDF)
    cairo_show_page (cr);
  status = cairo_status (cr);
  cairo_destroy (cr);

  if (status == CAIRO_STATUS_SUCCESS && format == BPL_EXPORT_PNG
      && !bpl_png_encode (surface, bytes))
    status = CAIRO_STATUS_WRITE_ERROR;
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_IO, "%s: drawing failed: %s", path,
                   cairo_status_to_string (status));
      return FALSE;
    }

  if (!g_file_set_contents (path, (const char *) bytes->data, bytes->len, &local_error))
    {
      g_set_error (error, BPL_ERROR, BPL_ERROR_IO, "%s: cannot write: %s", path,
                   local_error->message);
      return FALSE;
    }
  return TRUE;
}
