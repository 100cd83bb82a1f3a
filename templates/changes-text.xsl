<?xml version="1.0" encoding="UTF-8"?>
<!-- changes-text.xsl — a change list (urn:zorgdoc:changes:1) as plain
     text, one line per change: what `zorgdoc diff` prints and what
     `zorgdoc regen` gives as the reason for rebuilding a document.
     Parameters: locale, address (u|je), header (yes: a first line naming
     the versions; no: only the change lines). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:c="urn:zorgdoc:changes:1"
    xmlns:l="urn:zorgdoc:locale:1"
    exclude-result-prefixes="c l">

  <xsl:import href="changes-common.xsl"/>
  <xsl:import href="common.xsl"/>
  <xsl:output method="text" encoding="UTF-8"/>
  <xsl:param name="header" select="'yes'"/>

  <xsl:template match="/c:changes">
    <xsl:if test="$header = 'yes'">
      <xsl:choose>
        <xsl:when test="string(@from-version) != ''">
          <xsl:call-template name="str">
            <xsl:with-param name="id" select="'diff.header'"/>
            <xsl:with-param name="a1" select="string(@from-version)"/>
            <xsl:with-param name="a2" select="string(@to-version)"/>
            <xsl:with-param name="a3">
              <xsl:if test="string-length(@to-effective) = 10">
                <xsl:call-template name="date"><xsl:with-param name="iso" select="string(@to-effective)"/></xsl:call-template>
              </xsl:if>
            </xsl:with-param>
          </xsl:call-template>
          <xsl:text>&#10;</xsl:text>
        </xsl:when>
      </xsl:choose>
      <xsl:if test="not(c:change)">
        <xsl:call-template name="str"><xsl:with-param name="id" select="'diff.none'"/></xsl:call-template>
        <xsl:text>&#10;</xsl:text>
      </xsl:if>
    </xsl:if>
    <xsl:for-each select="c:change">
      <xsl:if test="$header = 'yes'">- </xsl:if>
      <xsl:call-template name="ch-line"/>
      <xsl:text>&#10;</xsl:text>
    </xsl:for-each>
    <xsl:if test="$header = 'yes' and c:change[@material = 'yes']">
      <xsl:call-template name="str"><xsl:with-param name="id" select="'diff.material-note'"/></xsl:call-template>
      <xsl:text>&#10;</xsl:text>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
