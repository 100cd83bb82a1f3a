/* colour — see colour.h. WCAG 2 relative luminance:
 * https://www.w3.org/TR/WCAG21/#dfn-relative-luminance */
#include "colour.h"

#include <math.h>

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int
colour_parse(const char *s, unsigned char rgb[3])
{
	if (!s || s[0] != '#')
		return -1;
	int v[6];
	for (int i = 0; i < 6; i++)
		if ((v[i] = hexval(s[1 + i])) < 0)
			return -1;
	if (s[7] != '\0')
		return -1;
	for (int i = 0; i < 3; i++)
		rgb[i] = (unsigned char)(v[2 * i] * 16 + v[2 * i + 1]);
	return 0;
}

static double
linear(unsigned char c)
{
	double s = c / 255.0;
	return s <= 0.04045 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4);
}

double
colour_contrast_white(const unsigned char rgb[3])
{
	double l = 0.2126 * linear(rgb[0]) + 0.7152 * linear(rgb[1]) + 0.0722 * linear(rgb[2]);
	return 1.05 / (l + 0.05);
}

void
colour_text_shade(const unsigned char rgb[3], unsigned char out[3])
{
	/* k from 255 (the colour itself) down: the first shade that reaches
	 * the contrast; k = 0 is black (21:1), so the loop always ends */
	for (int k = 255; k >= 0; k--) {
		for (int i = 0; i < 3; i++)
			out[i] = (unsigned char)((rgb[i] * k + 127) / 255);
		if (colour_contrast_white(out) >= COLOUR_TEXT_CONTRAST)
			return;
	}
}
