<?xml version="1.0" encoding="UTF-8"?>
<!-- Exercises templates/common.xsl for tests/t0002-xform.sh. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="../../templates/common.xsl"/>
  <xsl:output method="text" encoding="UTF-8"/>
  <xsl:template match="/">
    <xsl:call-template name="date"><xsl:with-param name="iso" select="'2023-10-19'"/></xsl:call-template>
    <xsl:text>|</xsl:text>
    <xsl:call-template name="money"><xsl:with-param name="cents" select="123456"/></xsl:call-template>
    <xsl:text>|</xsl:text>
    <xsl:call-template name="money"><xsl:with-param name="cents" select="-8500"/></xsl:call-template>
    <xsl:text>|</xsl:text>
    <xsl:call-template name="money"><xsl:with-param name="cents" select="5"/></xsl:call-template>
    <xsl:text>|</xsl:text>
    <xsl:call-template name="join"><xsl:with-param name="items" select="//item"/></xsl:call-template>
    <xsl:text>|</xsl:text>
    <xsl:call-template name="str">
      <xsl:with-param name="id" select="'common.page'"/>
      <xsl:with-param name="a1" select="2"/>
      <xsl:with-param name="a2" select="7"/>
    </xsl:call-template>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>
</xsl:stylesheet>
