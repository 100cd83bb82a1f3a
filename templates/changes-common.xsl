<?xml version="1.0" encoding="UTF-8"?>
<!-- changes-common.xsl — one sentence per change of a change list
     (urn:zorgdoc:changes:1, made by `zorgdoc diff` and `zorgdoc regen`,
     see docs/regen.md): "Nieuwe verwerker: Therapieland (belangrijke
     wijziging)". Wording: diff.* strings in locales/<locale>.xml.

     Import it BEFORE practice-common.xsl or common.xsl (it imports
     nothing itself, so it never changes their precedence); it needs the
     `str` template and the $L locale from common.xsl.
       ch-line      (context: a c:change) the sentence, without markup
       ch-list      (param changes: a c:changes element) <ul> of sentences
                    in the document vocabulary, material ones in <strong>
       ch-country   a country code in words -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:zd="urn:zorgdoc:xslt:1"
    xmlns="urn:zorgdoc:doc:1"
    xmlns:c="urn:zorgdoc:changes:1"
    xmlns:l="urn:zorgdoc:locale:1"
    exclude-result-prefixes="c l zd">

  <!-- a string id that may be missing: $id when the locale has it, else $fallback -->
  <xsl:template name="ch-id">
    <xsl:param name="id"/>
    <xsl:param name="fallback"/>
    <xsl:choose>
      <xsl:when test="zd:entry($L, $id)"><xsl:value-of select="$id"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$fallback"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="ch-country">
    <xsl:param name="code"/>
    <xsl:choose>
      <xsl:when test="$code = 'EEA'">
        <xsl:call-template name="str"><xsl:with-param name="id" select="'diff.eea'"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="country">
          <xsl:with-param name="code" select="$code"/>
          <xsl:with-param name="sentence" select="'yes'"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="ch-line">
    <xsl:variable name="id">
      <xsl:call-template name="ch-id">
        <xsl:with-param name="id" select="concat('diff.', @area, '.', @op)"/>
        <xsl:with-param name="fallback" select="concat('diff.', @area, '.changed')"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:call-template name="str">
      <xsl:with-param name="id" select="string($id)"/>
      <xsl:with-param name="a1" select="normalize-space(c:name)"/>
    </xsl:call-template>
    <xsl:variable name="added" select="@op = 'added'"/>
    <xsl:for-each select="c:field">
      <xsl:choose>
        <xsl:when test="position() = 1 and $added"> (</xsl:when>
        <xsl:when test="position() = 1">: </xsl:when>
        <xsl:otherwise>; </xsl:otherwise>
      </xsl:choose>
      <xsl:call-template name="ch-field"/>
      <xsl:if test="position() = last() and $added">)</xsl:if>
    </xsl:for-each>
    <xsl:if test="@material = 'yes'">
      <xsl:text> </xsl:text>
      <xsl:call-template name="str"><xsl:with-param name="id" select="'diff.material'"/></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- one field of a changed item, in words -->
  <xsl:template name="ch-field">
    <xsl:variable name="n" select="@name"/>
    <xsl:choose>
      <xsl:when test="c:added or c:removed">
        <xsl:if test="c:added">
          <xsl:call-template name="str">
            <xsl:with-param name="id">
              <xsl:call-template name="ch-id">
                <xsl:with-param name="id" select="concat('diff.field.', $n, '.added')"/>
                <xsl:with-param name="fallback" select="'diff.field.list.added'"/>
              </xsl:call-template>
            </xsl:with-param>
            <xsl:with-param name="a1"><xsl:call-template name="join"><xsl:with-param name="items" select="c:added"/></xsl:call-template></xsl:with-param>
            <xsl:with-param name="a2"><xsl:call-template name="ch-country"><xsl:with-param name="code" select="string(c:new)"/></xsl:call-template></xsl:with-param>
          </xsl:call-template>
        </xsl:if>
        <xsl:if test="c:added and c:removed">; </xsl:if>
        <xsl:if test="c:removed">
          <xsl:call-template name="str">
            <xsl:with-param name="id">
              <xsl:call-template name="ch-id">
                <xsl:with-param name="id" select="concat('diff.field.', $n, '.removed')"/>
                <xsl:with-param name="fallback" select="'diff.field.list.removed'"/>
              </xsl:call-template>
            </xsl:with-param>
            <xsl:with-param name="a1"><xsl:call-template name="join"><xsl:with-param name="items" select="c:removed"/></xsl:call-template></xsl:with-param>
          </xsl:call-template>
        </xsl:if>
      </xsl:when>
      <xsl:when test="$n = 'location' or $n = 'transfer'">
        <xsl:call-template name="str">
          <xsl:with-param name="id" select="concat('diff.field.', $n)"/>
          <xsl:with-param name="a1"><xsl:call-template name="ch-country"><xsl:with-param name="code" select="string(c:old)"/></xsl:call-template></xsl:with-param>
          <xsl:with-param name="a2"><xsl:call-template name="ch-country"><xsl:with-param name="code" select="string(c:new)"/></xsl:call-template></xsl:with-param>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="($n = 'legal-basis' or $n = 'agreement') and zd:entry($L, concat('diff.', $n, '.', current()/c:new))">
        <xsl:call-template name="str">
          <xsl:with-param name="id" select="concat('diff.field.', $n)"/>
          <xsl:with-param name="a2">
            <xsl:call-template name="str"><xsl:with-param name="id" select="concat('diff.', $n, '.', c:new)"/></xsl:call-template>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="zd:entry($L, concat('diff.field.', $n, '.', current()/c:new))">
        <xsl:call-template name="str">
          <xsl:with-param name="id" select="concat('diff.field.', $n, '.', c:new)"/>
          <xsl:with-param name="a1" select="string(c:old)"/>
          <xsl:with-param name="a2" select="string(c:new)"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="zd:entry($L, concat('diff.field.', $n))">
        <xsl:call-template name="str">
          <xsl:with-param name="id" select="concat('diff.field.', $n)"/>
          <xsl:with-param name="a1" select="string(c:old)"/>
          <xsl:with-param name="a2" select="string(c:new)"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="str"><xsl:with-param name="id" select="'diff.field.other'"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="ch-list">
    <xsl:param name="changes"/>
    <ul>
      <xsl:for-each select="$changes/c:change">
        <li>
          <xsl:choose>
            <xsl:when test="@material = 'yes'"><strong><xsl:call-template name="ch-line"/></strong></xsl:when>
            <xsl:otherwise><xsl:call-template name="ch-line"/></xsl:otherwise>
          </xsl:choose>
        </li>
      </xsl:for-each>
    </ul>
  </xsl:template>
</xsl:stylesheet>
