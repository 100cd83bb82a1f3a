<?xml version="1.0" encoding="UTF-8"?>
<!-- Exercises zd:entry (src/base/xmlsafe.c) for tests/unit/test_xform.c:
     on the locale (a document() read, looked up through its index) and on
     the input (not cached: a scan); unknown ids and empty sets give
     nothing, and the first of two equal ids wins. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:zd="urn:zorgdoc:xslt:1">
  <xsl:include href="../../templates/common.xsl"/>
  <xsl:output method="text" encoding="UTF-8"/>
  <xsl:template match="/">
    <xsl:value-of select="zd:entry($L, 'common.page')"/>
    <xsl:text>|</xsl:text>
    <xsl:value-of select="local-name(zd:entry($L, 'common.page'))"/>
    <xsl:text>|</xsl:text>
    <xsl:value-of select="count(zd:entry($L, 'no.such.string'))"/>
    <xsl:text>|</xsl:text>
    <xsl:value-of select="zd:entry(/r, 'a')"/>
    <xsl:text>|</xsl:text>
    <xsl:value-of select="zd:entry(/r, 'b')"/>
    <xsl:text>|</xsl:text>
    <xsl:value-of select="count(zd:entry(/r, 'c'))"/>
    <xsl:text>|</xsl:text>
    <xsl:value-of select="count(zd:entry(/nothing, 'a'))"/>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>
</xsl:stylesheet>
