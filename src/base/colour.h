/* colour — the brand colour as text: WCAG 2 contrast against white and the
 * shade of a colour (the colour mixed with black) that text in it needs to
 * reach 4.5:1 (WCAG AA). One implementation for the PDF (src/doc, layout)
 * and the HTML (zd:text-colour in templates/html.xsl): the brand colour
 * itself stays for rules and accents. */
#ifndef ZORGDOC_COLOUR_H
#define ZORGDOC_COLOUR_H

/* The contrast text must reach against its background (WCAG 2 AA). */
#define COLOUR_TEXT_CONTRAST 4.5

/* Parses "#rrggbb" (either case) into rgb[3]. Returns 0, or -1 when s is
 * not written that way (rgb untouched). */
int colour_parse(const char *s, unsigned char rgb[3]);

/* Returns the WCAG 2 contrast ratio of rgb against white (1 to 21). */
double colour_contrast_white(const unsigned char rgb[3]);

/* Writes into out the lightest shade of rgb (each channel scaled by the
 * same factor k/255, rounded) whose contrast against white is at least
 * COLOUR_TEXT_CONTRAST: rgb itself when it already reaches it. */
void colour_text_shade(const unsigned char rgb[3], unsigned char out[3]);

#endif
