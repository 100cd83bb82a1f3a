<?xml version="1.0" encoding="UTF-8"?>
<!-- Exercises zd:text-colour (src/base/xmlsafe.c, src/base/colour.c) for
     tests/unit/test_xform.c: a light brand colour gets its darker shade,
     a dark one stays, anything not written #rrggbb comes back as it is. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:zd="urn:zorgdoc:xslt:1">
  <xsl:output method="text" encoding="UTF-8"/>
  <xsl:template match="/">
    <xsl:value-of select="concat(zd:text-colour('#d6782c'), '|', zd:text-colour('#2F4858'), '|',
        zd:text-colour('red'), '|', zd:text-colour(/nothing), '&#10;')"/>
  </xsl:template>
</xsl:stylesheet>
