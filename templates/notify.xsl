<?xml version="1.0" encoding="UTF-8"?>
<!-- notify.xsl — the letter that tells a client what changed in a new
     version of the practice's documents (zorgdoc regen, option notify).

     In: the practice model (urn:zorgdoc:practice:1) to which regen added,
     as last children of the root, the change lists of the versions the
     letters speak of (c:changes, urn:zorgdoc:changes:1, each with @seq:
     its place among the published versions) and c:letters (@version,
     @effective, @date) with one c:client per letter (@id; @known: the
     @seq of the newest version the client knows of; name, street,
     postcode, city, guardian*). A client hears of every change list
     after @known; with more than one, each under its version. Parameter client: the id of the one
     letter to make, or '' for every letter, each starting on a new page.
     Out: a document (kind letter) in the document vocabulary. Wording:
     diff.notify.* strings. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns="urn:zorgdoc:doc:1"
    xmlns:p="urn:zorgdoc:practice:1"
    xmlns:c="urn:zorgdoc:changes:1"
    xmlns:l="urn:zorgdoc:locale:1"
    exclude-result-prefixes="p c l">

  <xsl:import href="changes-common.xsl"/>
  <xsl:import href="practice-common.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>
  <xsl:param name="client" select="''"/>

  <xsl:variable name="LET" select="/p:practice/c:letters"/>
  <xsl:variable name="CHS" select="/p:practice/c:changes"/>

  <xsl:template match="/">
    <xsl:variable name="title">
      <xsl:call-template name="str"><xsl:with-param name="id" select="'diff.notify.title'"/></xsl:call-template>
    </xsl:variable>
    <doc kind="letter">
      <xsl:call-template name="pc-frame">
        <xsl:with-param name="title" select="string($title)"/>
      </xsl:call-template>
      <body>
        <xsl:for-each select="$LET/c:client[$client = '' or @id = $client]">
          <xsl:if test="position() &gt; 1"><page-break/></xsl:if>
          <xsl:call-template name="letter"/>
        </xsl:for-each>
      </body>
    </doc>
  </xsl:template>

  <xsl:template name="letter">
    <columns>
      <column>
        <address>
          <xsl:for-each select="c:name | c:street"><line><xsl:value-of select="normalize-space(.)"/></line></xsl:for-each>
          <xsl:if test="c:postcode or c:city">
            <line><xsl:value-of select="normalize-space(concat(c:postcode, '  ', c:city))"/></line>
          </xsl:if>
        </address>
      </column>
      <column>
        <fields>
          <field>
            <xsl:attribute name="label"><xsl:call-template name="str"><xsl:with-param name="id" select="'diff.notify.date'"/></xsl:call-template></xsl:attribute>
            <xsl:call-template name="date"><xsl:with-param name="iso" select="string($LET/@date)"/></xsl:call-template>
          </field>
          <field>
            <xsl:attribute name="label"><xsl:call-template name="str"><xsl:with-param name="id" select="'diff.notify.version'"/></xsl:call-template></xsl:attribute>
            <xsl:value-of select="$LET/@version"/>
          </field>
        </fields>
      </column>
    </columns>
    <p>
      <xsl:call-template name="str">
        <xsl:with-param name="id" select="'diff.notify.dear'"/>
        <xsl:with-param name="a1" select="normalize-space(c:name)"/>
      </xsl:call-template>
    </p>
    <p>
      <xsl:call-template name="str">
        <xsl:with-param name="id" select="'diff.notify.intro'"/>
        <xsl:with-param name="a1" select="string($LET/@version)"/>
        <xsl:with-param name="a2"><xsl:call-template name="date"><xsl:with-param name="iso" select="string($LET/@effective)"/></xsl:call-template></xsl:with-param>
      </xsl:call-template>
    </p>
    <xsl:variable name="known" select="number(@known)"/>
    <xsl:variable name="CH" select="$CHS[number(@seq) &gt; $known]"/>
    <xsl:choose>
      <xsl:when test="count($CH) &gt; 1">
        <xsl:for-each select="$CH">
          <keep>
          <p>
            <xsl:call-template name="str">
              <xsl:with-param name="id" select="'diff.notify.per-version'"/>
              <xsl:with-param name="a1" select="string(@to-version)"/>
              <xsl:with-param name="a2"><xsl:call-template name="date"><xsl:with-param name="iso" select="string(@to-effective)"/></xsl:call-template></xsl:with-param>
            </xsl:call-template>
          </p>
          <xsl:call-template name="ch-list"><xsl:with-param name="changes" select="."/></xsl:call-template>
          </keep>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="ch-list"><xsl:with-param name="changes" select="$CH"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:if test="$CH/c:change[@material = 'yes']">
      <p><xsl:call-template name="str"><xsl:with-param name="id" select="'diff.notify.material'"/></xsl:call-template></p>
    </xsl:if>
    <p>
      <xsl:call-template name="str"><xsl:with-param name="id" select="'diff.notify.where'"/></xsl:call-template>
      <xsl:if test="$ID/p:contact/p:website">
        <xsl:text> </xsl:text>
        <xsl:call-template name="str"><xsl:with-param name="id" select="'diff.notify.website'"/></xsl:call-template>
        <xsl:text> </xsl:text>
        <xsl:call-template name="pc-website-link"/>
        <xsl:text>.</xsl:text>
      </xsl:if>
    </p>
    <p><xsl:call-template name="str"><xsl:with-param name="id" select="'diff.notify.questions'"/></xsl:call-template></p>
    <p><xsl:call-template name="str"><xsl:with-param name="id" select="'diff.notify.regards'"/></xsl:call-template></p>
    <p><xsl:value-of select="normalize-space($ID/p:owner/p:name)"/><br/><xsl:value-of select="normalize-space($ID/p:name)"/></p>
  </xsl:template>
</xsl:stylesheet>
