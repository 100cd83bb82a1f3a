<?xml version="1.0"?>
<!-- Exponential recursion: must stop at the operation limit, not hang. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="text"/>
  <xsl:template name="f">
    <xsl:param name="n"/>
    <xsl:if test="$n &gt; 0">
      <xsl:call-template name="f"><xsl:with-param name="n" select="$n - 1"/></xsl:call-template>
      <xsl:call-template name="f"><xsl:with-param name="n" select="$n - 1"/></xsl:call-template>
    </xsl:if>
  </xsl:template>
  <xsl:template match="/"><xsl:call-template name="f"><xsl:with-param name="n" select="60"/></xsl:call-template></xsl:template>
</xsl:stylesheet>
