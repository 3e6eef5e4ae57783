/* make-sample-photos.c: draws the photos of the sample stories
 *
 *   make-sample-photos OUTPUT-DIR
 *
 * The sample stories are invented, so are their photos: simple scenes
 * drawn with cairo (a quay with a ferry, a reading room, a market hall,
 * an observatory dome, a desalination plant), saved as small JPEGs. Run
 * it to draw them again after changing a scene:
 *
 *   ninja -C build data/make-sample-photos
 *   build/data/make-sample-photos data/samples
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <cairo.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

#define WIDTH 720
#define HEIGHT 480

typedef void (*DrawFunc) (cairo_t *cr);

static void
sky (cairo_t *cr,
     double   r1, double g1, double b1,
     double   r2, double g2, double b2,
     double   horizon)
{
  cairo_pattern_t *gradient = cairo_pattern_create_linear (0, 0, 0, horizon);

  cairo_pattern_add_color_stop_rgb (gradient, 0, r1, g1, b1);
  cairo_pattern_add_color_stop_rgb (gradient, 1, r2, g2, b2);
  cairo_set_source (cr, gradient);
  cairo_rectangle (cr, 0, 0, WIDTH, horizon);
  cairo_fill (cr);
  cairo_pattern_destroy (gradient);
}

static void
rect (cairo_t *cr,
      double   x, double y, double w, double h,
      double   r, double g, double b)
{
  cairo_set_source_rgb (cr, r, g, b);
  cairo_rectangle (cr, x, y, w, h);
  cairo_fill (cr);
}

static void
sea (cairo_t *cr,
     double   top)
{
  rect (cr, 0, top, WIDTH, HEIGHT - top, 0.16, 0.36, 0.50);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.25);
  cairo_set_line_width (cr, 2);
  for (int i = 0; i < 14; i++)
    {
      double y = top + 12 + i * 16;
      double x = (i * 97) % WIDTH;

      cairo_move_to (cr, x, y);
      cairo_line_to (cr, x + 60 + (i % 3) * 20, y);
      cairo_stroke (cr);
    }
}

static void
draw_ferry (cairo_t *cr)
{
  sky (cr, 0.55, 0.72, 0.88, 0.88, 0.92, 0.95, 300);
  /* Hills across the water. */
  cairo_set_source_rgb (cr, 0.42, 0.55, 0.45);
  cairo_move_to (cr, 0, 300);
  cairo_curve_to (cr, 150, 230, 320, 250, 460, 280);
  cairo_curve_to (cr, 560, 300, 650, 240, WIDTH, 270);
  cairo_line_to (cr, WIDTH, 300);
  cairo_close_path (cr);
  cairo_fill (cr);
  sea (cr, 300);
  /* The quay. */
  rect (cr, 0, 360, WIDTH, 120, 0.55, 0.53, 0.50);
  rect (cr, 0, 360, WIDTH, 8, 0.35, 0.34, 0.32);
  /* The ferry: hull, deck, bridge, funnel. */
  cairo_set_source_rgb (cr, 0.12, 0.18, 0.30);
  cairo_move_to (cr, 150, 300);
  cairo_line_to (cr, 600, 300);
  cairo_line_to (cr, 570, 352);
  cairo_line_to (cr, 175, 352);
  cairo_close_path (cr);
  cairo_fill (cr);
  rect (cr, 200, 250, 330, 50, 0.95, 0.95, 0.93);
  rect (cr, 420, 215, 90, 35, 0.95, 0.95, 0.93);
  rect (cr, 300, 200, 34, 50, 0.80, 0.20, 0.16);
  cairo_set_source_rgb (cr, 0.20, 0.30, 0.40);
  for (int i = 0; i < 9; i++)
    {
      cairo_rectangle (cr, 212 + i * 34, 262, 20, 14);
      cairo_fill (cr);
    }
}

static void
draw_library (cairo_t *cr)
{
  /* Wall, tall windows, shelves. */
  rect (cr, 0, 0, WIDTH, HEIGHT, 0.86, 0.80, 0.68);
  for (int i = 0; i < 4; i++)
    {
      rect (cr, 60 + i * 170, 40, 90, 170, 0.78, 0.86, 0.92);
      rect (cr, 103 + i * 170, 40, 4, 170, 0.55, 0.45, 0.32);
    }
  rect (cr, 0, 220, WIDTH, 20, 0.45, 0.32, 0.20);
  for (int i = 0; i < 60; i++)
    rect (cr, i * 12, 200 - (i * 7) % 15, 10, 20 + (i * 7) % 15,
          0.3 + (i % 5) * 0.1, 0.2 + (i % 3) * 0.1, 0.25);
  /* Floor and the long tables with their lamps. */
  rect (cr, 0, 240, WIDTH, 240, 0.60, 0.44, 0.30);
  for (int row = 0; row < 2; row++)
    {
      double y = 300 + row * 90;

      rect (cr, 60, y, 600, 26, 0.36, 0.24, 0.14);
      rect (cr, 80, y + 26, 10, 50, 0.30, 0.20, 0.12);
      rect (cr, 630, y + 26, 10, 50, 0.30, 0.20, 0.12);
      for (int i = 0; i < 5; i++)
        {
          double x = 110 + i * 115;

          cairo_set_source_rgb (cr, 0.20, 0.45, 0.30);
          cairo_arc (cr, x, y - 18, 14, M_PI, 2 * M_PI);
          cairo_fill (cr);
          rect (cr, x - 2, y - 18, 4, 18, 0.7, 0.6, 0.3);
          cairo_set_source_rgba (cr, 1, 0.95, 0.7, 0.35);
          cairo_arc (cr, x, y, 30, M_PI, 2 * M_PI);
          cairo_fill (cr);
          /* A reader's head and shoulders. */
          cairo_set_source_rgb (cr, 0.25 + i * 0.08, 0.22, 0.30);
          cairo_arc (cr, x + 40, y - 30, 12, 0, 2 * M_PI);
          cairo_fill (cr);
          rect (cr, x + 26, y - 18, 28, 18, 0.25 + i * 0.08, 0.3, 0.45);
        }
    }
}

static void
draw_market (cairo_t *cr)
{
  /* Brick hall under an iron roof. */
  rect (cr, 0, 0, WIDTH, HEIGHT, 0.62, 0.33, 0.25);
  cairo_set_source_rgb (cr, 0.20, 0.22, 0.24);
  cairo_set_line_width (cr, 6);
  for (int i = 0; i <= 6; i++)
    {
      cairo_move_to (cr, i * 120, 0);
      cairo_line_to (cr, WIDTH / 2.0, 140);
      cairo_stroke (cr);
    }
  rect (cr, 0, 140, WIDTH, 10, 0.20, 0.22, 0.24);
  rect (cr, 0, 380, WIDTH, 100, 0.50, 0.48, 0.44);
  /* Old tram rails. */
  rect (cr, 0, 430, WIDTH, 5, 0.30, 0.30, 0.30);
  rect (cr, 0, 455, WIDTH, 5, 0.30, 0.30, 0.30);
  /* Stalls with striped awnings and crates of produce. */
  for (int s = 0; s < 3; s++)
    {
      double x = 40 + s * 230;

      for (int i = 0; i < 8; i++)
        rect (cr, x + i * 24, 220, 24, 40, i % 2 ? 0.95 : (s == 1 ? 0.2 : 0.75),
              i % 2 ? 0.95 : (s == 1 ? 0.5 : 0.2), i % 2 ? 0.90 : 0.2);
      rect (cr, x + 4, 260, 4, 120, 0.3, 0.25, 0.2);
      rect (cr, x + 180, 260, 4, 120, 0.3, 0.25, 0.2);
      rect (cr, x, 320, 192, 60, 0.55, 0.40, 0.25);
      for (int i = 0; i < 12; i++)
        {
          cairo_set_source_rgb (cr, (i + s) % 3 == 0 ? 0.85 : 0.3, (i + s) % 3 == 1 ? 0.7 : 0.3,
                                0.15);
          cairo_arc (cr, x + 14 + i * 15, 316, 7, 0, 2 * M_PI);
          cairo_fill (cr);
        }
    }
}

static void
dome (cairo_t *cr,
      double   cx,
      double   base,
      double   radius)
{
  rect (cr, cx - radius - 10, base, 2 * radius + 20, HEIGHT - base, 0.85, 0.85, 0.82);
  cairo_set_source_rgb (cr, 0.75, 0.76, 0.78);
  cairo_arc (cr, cx, base, radius, M_PI, 2 * M_PI);
  cairo_fill (cr);
  rect (cr, cx - 12, base - radius, 24, radius, 0.10, 0.10, 0.16);
}

static void
stars (cairo_t *cr,
       double   bottom)
{
  cairo_set_source_rgb (cr, 1, 1, 0.92);
  for (int i = 0; i < 70; i++)
    {
      cairo_arc (cr, (i * 211) % WIDTH, (i * 97) % (int) bottom, 1 + i % 2, 0, 2 * M_PI);
      cairo_fill (cr);
    }
}

static void
draw_observatory_roof (cairo_t *cr)
{
  sky (cr, 0.04, 0.06, 0.18, 0.22, 0.20, 0.40, HEIGHT);
  stars (cr, 300);
  /* Saturn, low over the sea. */
  cairo_set_source_rgb (cr, 0.93, 0.82, 0.55);
  cairo_arc (cr, 560, 110, 16, 0, 2 * M_PI);
  cairo_fill (cr);
  cairo_set_line_width (cr, 3);
  cairo_save (cr);
  cairo_translate (cr, 560, 110);
  cairo_scale (cr, 1.0, 0.35);
  cairo_arc (cr, 0, 0, 30, 0, 2 * M_PI);
  cairo_restore (cr);
  cairo_stroke (cr);
  /* The roof, the telescope and two visitors. */
  rect (cr, 0, 380, WIDTH, 100, 0.30, 0.30, 0.34);
  cairo_set_source_rgb (cr, 0.85, 0.85, 0.88);
  cairo_set_line_width (cr, 22);
  cairo_move_to (cr, 300, 330);
  cairo_line_to (cr, 440, 250);
  cairo_stroke (cr);
  cairo_set_line_width (cr, 6);
  cairo_move_to (cr, 330, 330);
  cairo_line_to (cr, 290, 380);
  cairo_move_to (cr, 330, 330);
  cairo_line_to (cr, 370, 380);
  cairo_stroke (cr);
  for (int i = 0; i < 2; i++)
    {
      double x = 230 + i * 220;

      cairo_set_source_rgb (cr, 0.12, 0.12, 0.16);
      cairo_arc (cr, x, 300 + i * 20, 16, 0, 2 * M_PI);
      cairo_fill (cr);
      rect (cr, x - 18, 316 + i * 20, 36, 64 - i * 20, 0.12, 0.12, 0.16);
    }
}

static void
draw_observatory_dome (cairo_t *cr)
{
  sky (cr, 0.95, 0.62, 0.40, 0.55, 0.62, 0.80, 330);
  sea (cr, 330);
  /* The old lighthouse with its new dome, on the rocks. */
  cairo_set_source_rgb (cr, 0.30, 0.28, 0.26);
  cairo_move_to (cr, 200, HEIGHT);
  cairo_curve_to (cr, 260, 360, 460, 350, 540, HEIGHT);
  cairo_fill (cr);
  rect (cr, 330, 170, 60, 220, 0.92, 0.92, 0.90);
  rect (cr, 330, 230, 60, 30, 0.80, 0.18, 0.16);
  rect (cr, 330, 300, 60, 30, 0.80, 0.18, 0.16);
  dome (cr, 360, 170, 48);
  /* Volunteers on the gallery. */
  for (int i = 0; i < 4; i++)
    rect (cr, 300 + i * 36, 150 - (i % 2) * 4, 10, 22, 0.15, 0.15, 0.22);
}

static void
plant (cairo_t *cr,
       double   x,
       double   y,
       double   scale)
{
  for (int i = 0; i < 4; i++)
    {
      cairo_set_source_rgb (cr, 0.80, 0.82, 0.84);
      cairo_arc (cr, x + i * 90 * scale, y, 34 * scale, M_PI, 2 * M_PI);
      cairo_fill (cr);
      rect (cr, x + i * 90 * scale - 34 * scale, y, 68 * scale, 80 * scale, 0.80, 0.82, 0.84);
    }
  cairo_set_source_rgb (cr, 0.25, 0.45, 0.65);
  cairo_set_line_width (cr, 10 * scale);
  cairo_move_to (cr, x - 60 * scale, y + 60 * scale);
  cairo_line_to (cr, x + 330 * scale, y + 60 * scale);
  cairo_stroke (cr);
}

static void
draw_water_pipes (cairo_t *cr)
{
  rect (cr, 0, 0, WIDTH, HEIGHT, 0.88, 0.86, 0.80);
  /* Pipes running across the hall, valves, two workers in helmets. */
  for (int i = 0; i < 4; i++)
    {
      rect (cr, 0, 80 + i * 90, WIDTH, 34, 0.25 + i * 0.08, 0.45, 0.62);
      for (int j = 0; j < 5; j++)
        rect (cr, 60 + j * 150 + i * 20, 74 + i * 90, 16, 46, 0.30, 0.30, 0.32);
    }
  for (int i = 0; i < 2; i++)
    {
      double x = 250 + i * 200;

      cairo_set_source_rgb (cr, 0.95, 0.75, 0.10);
      cairo_arc (cr, x, 300, 20, M_PI, 2 * M_PI);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0.55, 0.40, 0.30);
      cairo_arc (cr, x, 312, 16, 0, 2 * M_PI);
      cairo_fill (cr);
      rect (cr, x - 26, 328, 52, 110, 0.15, 0.35, 0.60);
      rect (cr, x - 26, 360, 52, 8, 0.95, 0.75, 0.10);
    }
}

static void
draw_water_tap (cairo_t *cr)
{
  sky (cr, 0.50, 0.75, 0.92, 0.92, 0.94, 0.96, 250);
  sea (cr, 250);
  plant (cr, 420, 170, 0.6);
  /* A square by the harbour, a public tap, people with containers. */
  rect (cr, 0, 330, WIDTH, 150, 0.82, 0.74, 0.58);
  rect (cr, 160, 250, 14, 110, 0.40, 0.40, 0.42);
  rect (cr, 160, 250, 50, 12, 0.40, 0.40, 0.42);
  cairo_set_source_rgba (cr, 0.45, 0.70, 0.95, 0.8);
  rect (cr, 200, 262, 4, 70, 0.45, 0.70, 0.95);
  for (int i = 0; i < 4; i++)
    {
      double x = 260 + i * 90;

      cairo_set_source_rgb (cr, 0.20 + i * 0.1, 0.18, 0.22);
      cairo_arc (cr, x, 320, 14, 0, 2 * M_PI);
      cairo_fill (cr);
      rect (cr, x - 16, 334, 32, 70, 0.30 + i * 0.12, 0.25, 0.35);
      rect (cr, x + 18, 380, 22, 28, 0.20, 0.50 + i * 0.1, 0.80);
    }
}

/* Cairo stores premultiplied native-endian ARGB; GdkPixbuf wants RGB. */
static GdkPixbuf *
pixbuf_from_surface (cairo_surface_t *surface)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, WIDTH, HEIGHT);
  int stride = cairo_image_surface_get_stride (surface);
  int out_stride = gdk_pixbuf_get_rowstride (pixbuf);
  const guchar *in = cairo_image_surface_get_data (surface);
  guchar *out = gdk_pixbuf_get_pixels (pixbuf);

  cairo_surface_flush (surface);
  for (int y = 0; y < HEIGHT; y++)
    for (int x = 0; x < WIDTH; x++)
      {
        guint32 pixel = *(const guint32 *) (in + y * stride + x * 4);
        guchar *p = out + y * out_stride + x * 3;

        p[0] = (pixel >> 16) & 0xff;
        p[1] = (pixel >> 8) & 0xff;
        p[2] = pixel & 0xff;
      }
  return pixbuf;
}

int
main (int   argc,
      char *argv[])
{
  const struct { const char *name; DrawFunc draw; } photos[] = {
    { "ferry-quay.jpg", draw_ferry },
    { "library-reading-room.jpg", draw_library },
    { "market-tram-depot.jpg", draw_market },
    { "observatory-roof.jpg", draw_observatory_roof },
    { "observatory-dome.jpg", draw_observatory_dome },
    { "water-plant-pipes.jpg", draw_water_pipes },
    { "water-public-tap.jpg", draw_water_tap },
  };

  if (argc != 2)
    {
      g_printerr ("usage: %s OUTPUT-DIR\n", argv[0]);
      return 2;
    }
  for (guint i = 0; i < G_N_ELEMENTS (photos); i++)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, WIDTH, HEIGHT);
      cairo_t *cr = cairo_create (surface);
      g_autoptr(GdkPixbuf) pixbuf = NULL;
      g_autofree char *path = g_build_filename (argv[1], photos[i].name, NULL);
      g_autoptr(GError) error = NULL;

      photos[i].draw (cr);
      cairo_destroy (cr);
      pixbuf = pixbuf_from_surface (surface);
      cairo_surface_destroy (surface);
      if (!gdk_pixbuf_save (pixbuf, path, "jpeg", &error, "quality", "80", NULL))
        {
          g_printerr ("%s: %s\n", path, error->message);
          return 1;
        }
      g_print ("wrote %s\n", path);
    }
  return 0;
}
