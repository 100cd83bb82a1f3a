<?xml version="1.0" encoding="UTF-8"?>
<!-- locale-string.xsl — prints one string of locales/<locale>.xml as plain
     text: the string with id $id (in the form of address $address). For C
     code that must hand a localised word to another template (e.g. the
     HTML table-of-contents heading) without writing wording in C. The
     input document is ignored. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="common.xsl"/>
  <xsl:output method="text" encoding="UTF-8"/>
  <xsl:param name="id" select="''"/>
  <xsl:template match="/">
    <xsl:call-template name="str"><xsl:with-param name="id" select="$id"/></xsl:call-template>
  </xsl:template>
</xsl:stylesheet>
