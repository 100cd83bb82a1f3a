<?xml version="1.0" encoding="UTF-8"?>
<!-- processing-common.xsl — shared partials that describe the processing of
     a practice from the practice model (urn:zorgdoc:practice:1): which data
     categories, data subjects, purposes, retention rules, processors and
     transfers belong together. Used by dpa.xsl (Bijlage 1 of the
     verwerkersovereenkomst) and register.xsl (the art. 30 register), and
     meant for privacy.xsl too, so the documents read the same model
     elements the same way and can never disagree.
     Include after common.xsl (it uses the `str` template). Strings are the
     register.* ones of locales/<locale>.xml.

     Template names start with proc- (practice-common.xsl uses pc-).
     Voice: these documents are between parties. Wherever a free text of
     the model may carry @parties (its third-person form), the partials
     print that instead of the text, as
     normalize-space(p:x[not(@parties)] | p:x/@parties): the union holds
     the attribute when there is one, else the element.
     Conventions: "refs" are space-separated id lists as in the model;
     templates taking $refs return document-vocabulary nodes (d:*) or text. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:p="urn:zorgdoc:practice:1"
    xmlns:d="urn:zorgdoc:doc:1"
    xmlns:l="urn:zorgdoc:locale:1"
    exclude-result-prefixes="p l">

  <xsl:key name="proc-category" match="p:data/p:group/p:category" use="@id"/>
  <xsl:key name="proc-purpose" match="p:purposes/p:purpose" use="@id"/>
  <xsl:key name="proc-processor" match="p:processors/p:processor" use="@id"/>

  <!-- 1 when the space-separated list $refs holds $id -->
  <xsl:template name="proc-has">
    <xsl:param name="refs"/>
    <xsl:param name="id"/>
    <xsl:if test="contains(concat(' ', normalize-space($refs), ' '), concat(' ', $id, ' '))">1</xsl:if>
  </xsl:template>

  <!-- Text: the categories named in $refs, as "a, b en c" (model order). -->
  <xsl:template name="proc-category-names">
    <xsl:param name="refs"/>
    <xsl:param name="root" select="/p:practice"/>
    <xsl:call-template name="join">
      <xsl:with-param name="items"
          select="$root/p:data/p:group/p:category[contains(concat(' ', normalize-space($refs), ' '), concat(' ', @id, ' '))]/p:name[not(@parties)]
                  | $root/p:data/p:group/p:category[contains(concat(' ', normalize-space($refs), ' '), concat(' ', @id, ' '))]/p:name/@parties"/>
    </xsl:call-template>
  </xsl:template>

  <!-- Text: the names of the groups of data subjects owning a category
       of $refs, as "a en b". -->
  <xsl:template name="proc-group-names">
    <xsl:param name="refs"/>
    <xsl:param name="root" select="/p:practice"/>
    <xsl:call-template name="join">
      <xsl:with-param name="items"
          select="$root/p:data/p:group[p:category[contains(concat(' ', normalize-space($refs), ' '), concat(' ', @id, ' '))]]/p:name[not(@parties)]
                  | $root/p:data/p:group[p:category[contains(concat(' ', normalize-space($refs), ' '), concat(' ', @id, ' '))]]/p:name/@parties"/>
    </xsl:call-template>
  </xsl:template>

  <!-- d:ul of the categories in $refs; special (art. 9) and BSN marked. -->
  <xsl:template name="proc-category-list">
    <xsl:param name="refs"/>
    <xsl:param name="root" select="/p:practice"/>
    <d:ul>
      <xsl:for-each select="$root/p:data/p:group/p:category[contains(concat(' ', normalize-space($refs), ' '), concat(' ', @id, ' '))]">
        <d:li>
          <xsl:value-of select="normalize-space(p:name[not(@parties)] | p:name/@parties)"/>
          <xsl:call-template name="proc-category-marks"/>
        </d:li>
      </xsl:for-each>
    </d:ul>
  </xsl:template>

  <!-- For a p:category context: " (bijzonder persoonsgegeven, art. 9 AVG)"
       and/or the BSN mark, or nothing. -->
  <xsl:template name="proc-category-marks">
    <xsl:if test="@special = 'yes'">
      <xsl:text> </xsl:text>
      <xsl:call-template name="str"><xsl:with-param name="id" select="'register.special-mark'"/></xsl:call-template>
    </xsl:if>
    <xsl:if test="@national-id = 'yes'">
      <xsl:text> </xsl:text>
      <xsl:call-template name="str"><xsl:with-param name="id" select="'register.bsn-mark'"/></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- Text for a p:purpose context: its legal basis and art. 9 ground, or
       the "not recorded" string. -->
  <xsl:template name="proc-legal-basis">
    <xsl:choose>
      <xsl:when test="@legal-basis">
        <xsl:call-template name="str-list">
          <xsl:with-param name="list" select="@legal-basis"/>
          <xsl:with-param name="prefix" select="'register.basis.'"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="str"><xsl:with-param name="id" select="'register.basis.none'"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:if test="@art9">
      <xsl:text>; </xsl:text>
      <xsl:call-template name="str"><xsl:with-param name="id" select="concat('register.art9.', @art9)"/></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- Text for a p:rule context: how long, from when. A dossier rule
       always states the WGBO term (art. 7:454(3) BW since 1 January 2020:
       20 years from the last change of the dossier, for minors and the
       deceased too), or the model's longer term from the last change;
       what an out-of-date practice file says otherwise is not repeated
       (zorgdoc check warns about it). -->
  <xsl:template name="proc-retention-term">
    <xsl:variable name="years" select="number(@years)"/>
    <xsl:choose>
      <xsl:when test="@applies-to = 'dossier'">
        <xsl:call-template name="str">
          <xsl:with-param name="id" select="'register.retention.dossier'"/>
          <xsl:with-param name="a1">
            <xsl:choose>
              <xsl:when test="$years &gt; 20"><xsl:value-of select="$years"/></xsl:when>
              <xsl:otherwise>20</xsl:otherwise>
            </xsl:choose>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="$years = 0">
        <xsl:call-template name="str"><xsl:with-param name="id" select="'register.retention.until-done'"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="str">
          <xsl:with-param name="id" select="'register.retention.years'"/>
          <xsl:with-param name="a1" select="$years"/>
          <xsl:with-param name="a2">
            <xsl:call-template name="str"><xsl:with-param name="id" select="concat('register.from.', @from)"/></xsl:call-template>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:if test="@applies-to = 'financial'">
      <xsl:text> </xsl:text>
      <xsl:call-template name="str"><xsl:with-param name="id" select="'register.retention.financial-law'"/></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- The retention rules that concern the categories in $refs: rules
       naming one of them. -->
  <xsl:template name="proc-retention-rows">
    <xsl:param name="rules"/>
    <xsl:for-each select="$rules">
      <d:row>
        <d:cell>
          <xsl:value-of select="normalize-space(p:name[not(@parties)] | p:name/@parties)"/>
        </d:cell>
        <d:cell>
          <xsl:call-template name="proc-retention-term"/>
          <xsl:if test="p:note">
            <xsl:value-of select="concat('. ', normalize-space(p:note[not(@parties)] | p:note/@parties))"/>
          </xsl:if>
        </d:cell>
      </d:row>
    </xsl:for-each>
  </xsl:template>

  <!-- Country name for an ISO code, or the code itself. -->

  <!-- Text for a p:location context (or none: $loc empty): inside or
       outside the EEA, the country, and for a transfer its safeguard — or
       that the transfer is not allowed without one. -->
  <xsl:template name="proc-location">
    <xsl:param name="loc" select="p:location"/>
    <xsl:variable name="country">
      <xsl:if test="$loc/@country">
        <xsl:call-template name="country"><xsl:with-param name="code" select="$loc/@country"/><xsl:with-param name="sentence" select="'yes'"/></xsl:call-template>
      </xsl:if>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="not($loc)">
        <xsl:call-template name="str"><xsl:with-param name="id" select="'register.location.unknown'"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="$loc/@eea = 'yes'">
        <xsl:call-template name="str">
          <xsl:with-param name="id" select="'register.location.eea'"/>
          <xsl:with-param name="a1" select="$country"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="str">
          <xsl:with-param name="id" select="'register.location.outside'"/>
          <xsl:with-param name="a1" select="$country"/>
          <xsl:with-param name="a2">
            <xsl:choose>
              <xsl:when test="$loc/@safeguard and $loc/@safeguard != 'none'">
                <xsl:call-template name="str"><xsl:with-param name="id" select="concat('register.safeguard.', $loc/@safeguard)"/></xsl:call-template>
              </xsl:when>
              <xsl:otherwise>
                <xsl:call-template name="str"><xsl:with-param name="id" select="'register.safeguard.none'"/></xsl:call-template>
              </xsl:otherwise>
            </xsl:choose>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
