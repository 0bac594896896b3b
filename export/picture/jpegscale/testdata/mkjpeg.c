/* mkjpeg writes the test files of this folder with libjpeg (Debian's
 * libjpeg62-turbo-dev), which can write the samplings, restart intervals
 * and progressive files Go's encoder cannot:
 *
 *   gcc -O2 -o /tmp/mkjpeg mkjpeg.c -ljpeg && (cd testdata && /tmp/mkjpeg)
 *
 * The picture is made up: gradients, stripes, a disc with a sharp edge
 * and some noise, so that every frequency has something to code. */
#include <stdio.h>
#include <stdlib.h>
#include <math.h>
#include <jpeglib.h>

static unsigned lcg = 12345;
static int noise(void) { lcg = lcg * 1103515245u + 12345u; return (int)((lcg >> 16) % 41) - 20; }

static int clamp(int v) { return v < 0 ? 0 : v > 255 ? 255 : v; }

static void write(const char *name, int w, int h, int comps, int hy, int vy, int hc, int vc,
                  int quality, int restart, int progressive, int baseline) {
	FILE *f = fopen(name, "wb");
	struct jpeg_compress_struct c;
	struct jpeg_error_mgr e;
	c.err = jpeg_std_error(&e);
	jpeg_create_compress(&c);
	jpeg_stdio_dest(&c, f);
	c.image_width = w;
	c.image_height = h;
	c.input_components = comps;
	c.in_color_space = comps == 3 ? JCS_RGB : JCS_GRAYSCALE;
	jpeg_set_defaults(&c);
	jpeg_set_quality(&c, quality, baseline);
	c.comp_info[0].h_samp_factor = hy;
	c.comp_info[0].v_samp_factor = vy;
	if (comps == 3) {
		c.comp_info[1].h_samp_factor = c.comp_info[2].h_samp_factor = hc;
		c.comp_info[1].v_samp_factor = c.comp_info[2].v_samp_factor = vc;
	}
	c.restart_interval = restart;
	if (progressive)
		jpeg_simple_progression(&c);
	jpeg_start_compress(&c, TRUE);
	unsigned char *row = malloc(w * comps);
	lcg = 12345;
	while (c.next_scanline < c.image_height) {
		int y = c.next_scanline;
		for (int x = 0; x < w; x++) {
			double dx = x - w * 0.6, dy = y - h * 0.4;
			int disc = dx * dx + dy * dy < (w * h) / 12.0;
			int r = clamp(x * 255 / w + noise() + (disc ? 60 : 0));
			int g = clamp(128 + 100 * sin(x * 0.35) * cos(y * 0.2) + noise());
			int b = clamp(y * 255 / h - (disc ? 80 : 0) + ((x / 3 + y / 5) % 2) * 40);
			if (comps == 3) {
				row[3 * x] = r, row[3 * x + 1] = g, row[3 * x + 2] = b;
			} else {
				row[x] = clamp((r + 2 * g + b) / 4);
			}
		}
		JSAMPROW rows[1] = {row};
		jpeg_write_scanlines(&c, rows, 1);
	}
	jpeg_finish_compress(&c);
	jpeg_destroy_compress(&c);
	fclose(f);
	free(row);
}

int main(void) {
	write("444.jpg", 77, 53, 3, 1, 1, 1, 1, 90, 0, 0, 1);
	write("422.jpg", 77, 53, 3, 2, 1, 1, 1, 90, 0, 0, 1);
	write("420.jpg", 77, 53, 3, 2, 2, 1, 1, 90, 0, 0, 1);
	write("440.jpg", 77, 53, 3, 1, 2, 1, 1, 90, 0, 0, 1);
	write("411.jpg", 77, 53, 3, 4, 1, 1, 1, 90, 0, 0, 1);
	write("grey.jpg", 77, 53, 1, 1, 1, 0, 0, 90, 0, 0, 1);
	write("grey-22.jpg", 61, 35, 1, 2, 2, 0, 0, 90, 0, 0, 1);
	write("420-restart.jpg", 77, 53, 3, 2, 2, 1, 1, 85, 2, 0, 1);
	write("444-restart.jpg", 64, 40, 3, 1, 1, 1, 1, 85, 3, 0, 1);
	write("grey-restart.jpg", 50, 50, 1, 1, 1, 0, 0, 85, 1, 0, 1);
	write("sof1-q16.jpg", 40, 24, 3, 2, 2, 1, 1, 2, 0, 0, 0);
	write("progressive.jpg", 77, 53, 3, 2, 2, 1, 1, 90, 0, 1, 1);
	return 0;
}
