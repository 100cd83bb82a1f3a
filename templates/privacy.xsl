<?xml version="1.0" encoding="UTF-8"?>
<!-- privacy.xsl — the practice model (urn:zorgdoc:practice:1) → the
     privacyverklaring in the document vocabulary (urn:zorgdoc:doc:1).

     Every item GDPR art. 13 asks (and art. 14 where data come from others)
     is a section with a stable id; a section appears only when the model has
     something to say for it, except the items the law itself fills in
     (rights, complaint to the AP, whether data must be given, automated
     decisions, changes), which are always there. Wording: privacy.* strings
     in locales/<locale>.xml, in the practice's form of address.

     Section ids (the contract other templates and `regen` rely on), in
     document order; * = always present:
       intro*  controller*  data*  sources  purposes*  dossier  minors
       recipients* (processors, sharing)  transfers*  retention*  security*
       communication  zorgnota  cookies  rights*  complaints*  obligation*
       automated*  [extra passages: privacy-*]  changes*
     A passage in the practice file with one of these ids replaces that
     section's content; passages whose id starts with "privacy-" are added
     as sections of their own before "changes". -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns="urn:zorgdoc:doc:1"
    xmlns:p="urn:zorgdoc:practice:1"
    xmlns:l="urn:zorgdoc:locale:1"
    xmlns:c="urn:zorgdoc:changes:1"
    exclude-result-prefixes="p l c">

  <xsl:import href="changes-common.xsl"/>
  <xsl:import href="practice-common.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>

  <xsl:variable name="name" select="normalize-space($ID/p:name)"/>
  <xsl:variable name="dossier" select="$P/p:dossier"/>
  <xsl:variable name="wgbo" select="$dossier/p:law[contains(translate(., 'wgbo', 'WGBO'), 'WGBO')]"/>
  <xsl:variable name="minors" select="$P/p:minors[@treated = 'yes']"/>
  <xsl:variable name="processors" select="$P/p:processors/p:processor"/>
  <xsl:variable name="recipients" select="$P/p:sharing/p:recipient"/>
  <xsl:variable name="invoices" select="$P/p:zorgnota | $P/p:tariffs | $P/p:invoicing"/>
  <!-- top-level sections are numbered; a document that imports these
       sections inside one of its own (client-export.xsl) sets it false -->
  <xsl:variable name="sec-numbered" select="true()"/>

  <xsl:template match="/">
    <xsl:if test="not(p:practice)">
      <xsl:message terminate="yes">zorgdoc: privacy.xsl needs a practice file (urn:zorgdoc:practice:1)</xsl:message>
    </xsl:if>
    <xsl:variable name="title">
      <xsl:call-template name="str"><xsl:with-param name="id" select="'privacy.title'"/></xsl:call-template>
    </xsl:variable>
    <doc kind="statement">
      <xsl:call-template name="pc-frame">
        <xsl:with-param name="title" select="string($title)"/>
        <xsl:with-param name="subject">
          <xsl:call-template name="str"><xsl:with-param name="id" select="'privacy.subject'"/><xsl:with-param name="a1" select="$name"/></xsl:call-template>
        </xsl:with-param>
        <xsl:with-param name="keywords">
          <xsl:call-template name="str"><xsl:with-param name="id" select="'privacy.keywords'"/></xsl:call-template>
        </xsl:with-param>
      </xsl:call-template>
      <body>
        <xsl:call-template name="s-intro"/>
        <xsl:call-template name="s-controller"/>
        <xsl:call-template name="s-data"/>
        <xsl:call-template name="s-sources"/>
        <xsl:call-template name="s-purposes"/>
        <xsl:call-template name="s-dossier"/>
        <xsl:call-template name="s-minors"/>
        <xsl:call-template name="s-recipients"/>
        <xsl:call-template name="s-transfers"/>
        <xsl:call-template name="s-retention"/>
        <xsl:call-template name="s-security"/>
        <xsl:call-template name="s-communication"/>
        <xsl:call-template name="s-zorgnota"/>
        <xsl:call-template name="s-cookies"/>
        <xsl:call-template name="s-rights"/>
        <xsl:call-template name="s-complaints"/>
        <xsl:call-template name="s-obligation"/>
        <xsl:call-template name="s-automated"/>
        <xsl:for-each select="$overrides[starts-with(@id, 'privacy-')]">
          <section id="{@id}" numbered="yes">
            <title>
              <xsl:choose>
                <xsl:when test="p:title"><xsl:value-of select="normalize-space(p:title)"/></xsl:when>
                <xsl:otherwise><xsl:value-of select="substring-after(@id, 'privacy-')"/></xsl:otherwise>
              </xsl:choose>
            </title>
            <xsl:apply-templates select="." mode="pc-blocks"/>
          </section>
        </xsl:for-each>
        <xsl:call-template name="s-changes"/>
      </body>
    </doc>
  </xsl:template>

  <!-- ===== helpers ===== -->

  <!-- A section with id $id and title privacy.$id.title around $body; a
       practice passage with the same id replaces the body (and the title,
       when it has one). $level 1 sections are numbered. -->
  <xsl:template name="sec">
    <xsl:param name="id"/>
    <xsl:param name="body"/>
    <xsl:param name="top" select="true()"/>
    <xsl:variable name="own" select="$overrides[@id = $id][1]"/>
    <section id="{$id}">
      <xsl:if test="$top and $sec-numbered"><xsl:attribute name="numbered">yes</xsl:attribute></xsl:if>
      <title>
        <xsl:choose>
          <xsl:when test="$own/p:title"><xsl:value-of select="normalize-space($own/p:title)"/></xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="str"><xsl:with-param name="id" select="concat('privacy.', $id, '.title')"/></xsl:call-template>
          </xsl:otherwise>
        </xsl:choose>
      </title>
      <xsl:choose>
        <xsl:when test="$own"><xsl:apply-templates select="$own" mode="pc-blocks"/></xsl:when>
        <xsl:otherwise><xsl:copy-of select="$body"/></xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <!-- the string privacy.$id (shorthand) -->
  <xsl:template name="s">
    <xsl:param name="id"/>
    <xsl:param name="a1" select="''"/>
    <xsl:param name="a2" select="''"/>
    <xsl:param name="a3" select="''"/>
    <xsl:call-template name="str">
      <xsl:with-param name="id" select="concat('privacy.', $id)"/>
      <xsl:with-param name="a1" select="$a1"/>
      <xsl:with-param name="a2" select="$a2"/>
      <xsl:with-param name="a3" select="$a3"/>
    </xsl:call-template>
  </xsl:template>

  <!-- a paragraph privacy.$id that a passage of that id may replace -->
  <xsl:template name="pp">
    <xsl:param name="id"/>
    <xsl:param name="a1" select="''"/>
    <xsl:param name="a2" select="''"/>
    <xsl:param name="a3" select="''"/>
    <xsl:call-template name="para">
      <xsl:with-param name="id" select="concat('privacy.', $id)"/>
      <xsl:with-param name="a1" select="$a1"/>
      <xsl:with-param name="a2" select="$a2"/>
      <xsl:with-param name="a3" select="$a3"/>
    </xsl:call-template>
  </xsl:template>

  <!-- a sentence of free text from the model, ending in a full stop -->
  <xsl:template name="sentence">
    <xsl:param name="t"/>
    <xsl:variable name="n" select="normalize-space($t)"/>
    <xsl:value-of select="$n"/>
    <xsl:if test="$n != '' and not(contains('.!?:', substring($n, string-length($n))))">.</xsl:if>
  </xsl:template>

  <!-- ===== 1 intro ===== -->
  <xsl:template name="s-intro">
    <xsl:call-template name="sec">
      <xsl:with-param name="id" select="'intro'"/>
      <xsl:with-param name="body">
        <xsl:call-template name="pp"><xsl:with-param name="id" select="'intro.what'"/><xsl:with-param name="a1" select="$name"/></xsl:call-template>
        <xsl:if test="$minors">
          <xsl:call-template name="pp"><xsl:with-param name="id" select="'intro.children'"/></xsl:call-template>
        </xsl:if>
        <xsl:call-template name="pp"><xsl:with-param name="id" select="'intro.law'"/></xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- ===== 2 controller: art. 13(1)(a), (b) ===== -->
  <xsl:template name="s-controller">
    <xsl:call-template name="sec">
      <xsl:with-param name="id" select="'controller'"/>
      <xsl:with-param name="body">
        <p>
          <xsl:call-template name="s"><xsl:with-param name="id" select="'controller.who'"/><xsl:with-param name="a1" select="$name"/></xsl:call-template>
          <xsl:if test="$ID/p:owner/p:name">
            <xsl:text> </xsl:text>
            <xsl:call-template name="s">
              <xsl:with-param name="id" select="'controller.owner'"/>
              <xsl:with-param name="a1"><name><xsl:value-of select="$name"/></name></xsl:with-param>
              <xsl:with-param name="a2"><name><xsl:value-of select="normalize-space($ID/p:owner/p:name)"/></name></xsl:with-param>
              <xsl:with-param name="a3" select="normalize-space($ID/p:owner/p:role)"/>
            </xsl:call-template>
          </xsl:if>
        </p>
        <fields>
          <field>
            <xsl:attribute name="label"><xsl:call-template name="s"><xsl:with-param name="id" select="'id.address'"/></xsl:call-template></xsl:attribute>
            <xsl:call-template name="pc-address-line"/>
          </field>
          <xsl:if test="$ID/p:contact/p:email">
            <field>
              <xsl:attribute name="label"><xsl:call-template name="s"><xsl:with-param name="id" select="'id.email'"/></xsl:call-template></xsl:attribute>
              <xsl:call-template name="pc-email-link"/>
            </field>
          </xsl:if>
          <xsl:if test="$ID/p:contact/p:phone">
            <field>
              <xsl:attribute name="label"><xsl:call-template name="s"><xsl:with-param name="id" select="'id.phone'"/></xsl:call-template></xsl:attribute>
              <nobr><xsl:value-of select="normalize-space($ID/p:contact/p:phone)"/></nobr>
            </field>
          </xsl:if>
          <xsl:if test="$ID/p:contact/p:website">
            <field>
              <xsl:attribute name="label"><xsl:call-template name="s"><xsl:with-param name="id" select="'id.website'"/></xsl:call-template></xsl:attribute>
              <xsl:call-template name="pc-website-link"/>
            </field>
          </xsl:if>
          <xsl:if test="$ID/p:kvk">
            <field>
              <xsl:attribute name="label"><xsl:call-template name="s"><xsl:with-param name="id" select="'id.kvk'"/></xsl:call-template></xsl:attribute>
              <xsl:value-of select="normalize-space($ID/p:kvk)"/>
            </field>
          </xsl:if>
          <xsl:if test="$ID/p:agb-practice">
            <field>
              <xsl:attribute name="label"><xsl:call-template name="s"><xsl:with-param name="id" select="'id.agb-practice'"/></xsl:call-template></xsl:attribute>
              <xsl:value-of select="normalize-space($ID/p:agb-practice)"/>
            </field>
          </xsl:if>
          <xsl:if test="$ID/p:agb-therapist">
            <field>
              <xsl:attribute name="label"><xsl:call-template name="s"><xsl:with-param name="id" select="'id.agb-therapist'"/></xsl:call-template></xsl:attribute>
              <xsl:value-of select="normalize-space($ID/p:agb-therapist)"/>
            </field>
          </xsl:if>
          <xsl:for-each select="$ID/p:association">
            <field>
              <xsl:attribute name="label"><xsl:call-template name="s"><xsl:with-param name="id" select="'id.association'"/></xsl:call-template></xsl:attribute>
              <xsl:value-of select="normalize-space(p:name)"/>
              <xsl:if test="p:abbreviation"> (<xsl:value-of select="normalize-space(p:abbreviation)"/>)</xsl:if>
              <xsl:if test="p:membership-number">
                <xsl:text>, </xsl:text>
                <xsl:call-template name="s"><xsl:with-param name="id" select="'id.membership'"/><xsl:with-param name="a1" select="normalize-space(p:membership-number)"/></xsl:call-template>
              </xsl:if>
            </field>
          </xsl:for-each>
          <xsl:for-each select="$ID/p:register">
            <field>
              <xsl:attribute name="label"><xsl:call-template name="s"><xsl:with-param name="id" select="'id.register'"/></xsl:call-template></xsl:attribute>
              <xsl:value-of select="normalize-space(p:name)"/>
              <xsl:if test="p:abbreviation"> (<xsl:value-of select="normalize-space(p:abbreviation)"/>)</xsl:if>
              <xsl:if test="p:number">
                <xsl:text>, </xsl:text>
                <xsl:call-template name="s"><xsl:with-param name="id" select="'id.register-number'"/><xsl:with-param name="a1" select="normalize-space(p:number)"/></xsl:call-template>
              </xsl:if>
            </field>
          </xsl:for-each>
        </fields>
        <xsl:choose>
          <xsl:when test="$ID/p:dpo">
            <p>
              <xsl:call-template name="s"><xsl:with-param name="id" select="'controller.dpo'"/><xsl:with-param name="a1" select="normalize-space($ID/p:dpo/p:name)"/></xsl:call-template>
              <xsl:text> </xsl:text>
              <link href="mailto:{normalize-space($ID/p:dpo/p:email)}"><xsl:value-of select="normalize-space($ID/p:dpo/p:email)"/></link>
              <xsl:text>.</xsl:text>
            </p>
          </xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="pp"><xsl:with-param name="id" select="'controller.no-dpo'"/></xsl:call-template>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- ===== 3 data: art. 14(1)(d) and the categories per group ===== -->
  <xsl:template name="s-data">
    <xsl:call-template name="sec">
      <xsl:with-param name="id" select="'data'"/>
      <xsl:with-param name="body">
        <xsl:for-each select="$P/p:data/p:group">
          <p>
            <xsl:call-template name="s">
              <xsl:with-param name="id" select="'data.group'"/>
              <xsl:with-param name="a1"><xsl:call-template name="pc-lcfirst"><xsl:with-param name="s" select="normalize-space(p:name)"/></xsl:call-template></xsl:with-param>
            </xsl:call-template>
          </p>
          <ul>
            <xsl:for-each select="p:category">
              <li>
                <xsl:value-of select="normalize-space(p:name)"/>
                <xsl:if test="@special = 'yes'">
                  <xsl:text> </xsl:text>
                  <xsl:call-template name="s"><xsl:with-param name="id" select="'data.special-mark'"/></xsl:call-template>
                </xsl:if>
                <xsl:if test="p:description">
                  <xsl:text>: </xsl:text>
                  <xsl:call-template name="pc-lcfirst"><xsl:with-param name="s"><xsl:call-template name="sentence"><xsl:with-param name="t" select="p:description"/></xsl:call-template></xsl:with-param></xsl:call-template>
                </xsl:if>
              </li>
            </xsl:for-each>
          </ul>
        </xsl:for-each>
        <xsl:if test="$P/p:data/p:group/p:category[@special = 'yes']">
          <xsl:call-template name="pp"><xsl:with-param name="id" select="'data.special'"/></xsl:call-template>
        </xsl:if>
        <xsl:if test="$P/p:data/p:group/p:category[@national-id = 'yes']">
          <xsl:call-template name="pp"><xsl:with-param name="id" select="'data.bsn'"/></xsl:call-template>
        </xsl:if>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- ===== 4 sources: art. 14(2)(f) ===== -->
  <xsl:template name="s-sources">
    <xsl:if test="$P/p:data/p:sources/p:source">
      <xsl:call-template name="sec">
        <xsl:with-param name="id" select="'sources'"/>
        <xsl:with-param name="body">
          <xsl:call-template name="pp"><xsl:with-param name="id" select="'sources.lead'"/></xsl:call-template>
          <ul>
            <xsl:for-each select="$P/p:data/p:sources/p:source">
              <xsl:variable name="sid" select="@id"/>
              <xsl:variable name="cats" select="$P/p:data/p:group/p:category[contains(concat(' ', normalize-space(@sources), ' '), concat(' ', $sid, ' '))]"/>
              <li>
                <xsl:call-template name="sentence"><xsl:with-param name="t" select="concat(translate(substring(normalize-space(p:name), 1, 1), 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), substring(normalize-space(p:name), 2))"/></xsl:call-template>
                <xsl:if test="p:description">
                  <xsl:text> </xsl:text>
                  <xsl:call-template name="sentence"><xsl:with-param name="t" select="p:description"/></xsl:call-template>
                </xsl:if>
                <xsl:if test="$cats">
                  <xsl:text> </xsl:text>
                  <xsl:call-template name="s">
                    <xsl:with-param name="id" select="'sources.categories'"/>
                    <xsl:with-param name="a1">
                      <xsl:for-each select="$cats">
                        <xsl:if test="position() &gt; 1">; </xsl:if>
                        <xsl:call-template name="pc-lcfirst"><xsl:with-param name="s" select="normalize-space(p:name)"/></xsl:call-template>
                      </xsl:for-each>
                    </xsl:with-param>
                  </xsl:call-template>
                </xsl:if>
                <xsl:text> </xsl:text>
                <xsl:call-template name="s"><xsl:with-param name="id" select="concat('consent.', @consent)"/></xsl:call-template>
              </li>
            </xsl:for-each>
          </ul>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- ===== 5 purposes: art. 13(1)(c), (d) and art. 9(2) ===== -->
  <xsl:template name="s-purposes">
    <xsl:call-template name="sec">
      <xsl:with-param name="id" select="'purposes'"/>
      <xsl:with-param name="body">
        <xsl:call-template name="pp"><xsl:with-param name="id" select="'purposes.lead'"/></xsl:call-template>
        <ul>
          <xsl:for-each select="$P/p:purposes/p:purpose">
            <li>
              <xsl:call-template name="sentence"><xsl:with-param name="t" select="p:name"/></xsl:call-template>
              <xsl:if test="p:description">
                <xsl:text> </xsl:text>
                <xsl:call-template name="sentence"><xsl:with-param name="t" select="p:description"/></xsl:call-template>
              </xsl:if>
              <xsl:if test="@legal-basis">
                <xsl:text> </xsl:text>
                <xsl:call-template name="s">
                  <xsl:with-param name="id" select="'purposes.basis'"/>
                  <xsl:with-param name="a1"><xsl:call-template name="pc-basis"><xsl:with-param name="basis" select="@legal-basis"/></xsl:call-template></xsl:with-param>
                </xsl:call-template>
              </xsl:if>
              <xsl:if test="contains(concat(' ', normalize-space(@legal-basis), ' '), ' legitimate-interests ') and p:legitimate-interest">
                <xsl:text> </xsl:text>
                <xsl:call-template name="s">
                  <xsl:with-param name="id" select="'purposes.interest'"/>
                  <xsl:with-param name="a1"><xsl:call-template name="pc-lcfirst"><xsl:with-param name="s"><xsl:call-template name="sentence"><xsl:with-param name="t" select="p:legitimate-interest"/></xsl:call-template></xsl:with-param></xsl:call-template></xsl:with-param>
                </xsl:call-template>
              </xsl:if>
              <xsl:if test="@art9">
                <xsl:text> </xsl:text>
                <xsl:call-template name="s">
                  <xsl:with-param name="id" select="'purposes.art9'"/>
                  <xsl:with-param name="a1"><xsl:call-template name="pc-art9"><xsl:with-param name="ground" select="@art9"/></xsl:call-template></xsl:with-param>
                </xsl:call-template>
              </xsl:if>
            </li>
          </xsl:for-each>
        </ul>
        <xsl:if test="$P/p:purposes/p:purpose[contains(concat(' ', normalize-space(@legal-basis), ' '), ' consent ') or @art9 = 'explicit-consent']">
          <xsl:call-template name="pp"><xsl:with-param name="id" select="'purposes.consent'"/></xsl:call-template>
        </xsl:if>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- ===== 6 dossier (WGBO) ===== -->
  <xsl:template name="s-dossier">
    <xsl:if test="$dossier">
      <xsl:call-template name="sec">
        <xsl:with-param name="id" select="'dossier'"/>
        <xsl:with-param name="body">
          <p>
            <xsl:choose>
              <xsl:when test="$wgbo"><xsl:call-template name="s"><xsl:with-param name="id" select="'dossier.wgbo'"/></xsl:call-template></xsl:when>
              <xsl:otherwise><xsl:call-template name="s"><xsl:with-param name="id" select="'dossier.plain'"/></xsl:call-template></xsl:otherwise>
            </xsl:choose>
            <xsl:variable name="other-laws" select="$dossier/p:law[not(contains(translate(., 'wgbo', 'WGBO'), 'WGBO'))]"/>
            <xsl:if test="$other-laws">
              <xsl:text> </xsl:text>
              <xsl:call-template name="s">
                <!-- "Voor mijn werk geldt daarnaast de Jeugdwet." / "gelden ... de Wkkgz en de ..." -->
                <xsl:with-param name="id" select="concat('dossier.other-law', substring('.1', 1, 2 * (count($other-laws) = 1)))"/>
                <xsl:with-param name="a1">
                  <xsl:call-template name="join">
                    <xsl:with-param name="items" select="$other-laws"/>
                    <xsl:with-param name="article"><xsl:call-template name="str"><xsl:with-param name="id" select="'privacy.dossier.law-article'"/></xsl:call-template></xsl:with-param>
                  </xsl:call-template>
                </xsl:with-param>
              </xsl:call-template>
            </xsl:if>
            <xsl:if test="$dossier/@medium">
              <xsl:text> </xsl:text>
              <xsl:call-template name="s"><xsl:with-param name="id" select="concat('dossier.medium.', $dossier/@medium)"/></xsl:call-template>
            </xsl:if>
          </p>
          <xsl:if test="count($dossier/p:part) = 1 and $dossier/p:part/p:item">
            <!-- one part: what is in it, then whether the client may see
                 it (no "consists of one part:" over a list of one) -->
            <xsl:call-template name="pp"><xsl:with-param name="id" select="'dossier.contents'"/></xsl:call-template>
            <ul>
              <xsl:for-each select="$dossier/p:part/p:item"><li><xsl:value-of select="normalize-space(.)"/></li></xsl:for-each>
            </ul>
            <xsl:call-template name="pp"><xsl:with-param name="id" select="concat('dossier.whole.access.', $dossier/p:part/@client-access)"/></xsl:call-template>
          </xsl:if>
          <xsl:if test="$dossier/p:part and not(count($dossier/p:part) = 1 and $dossier/p:part/p:item)">
            <xsl:choose>
              <xsl:when test="count($dossier/p:part) = 1">
                <xsl:call-template name="pp"><xsl:with-param name="id" select="'dossier.parts.1'"/></xsl:call-template>
              </xsl:when>
              <xsl:otherwise>
                <xsl:call-template name="pp"><xsl:with-param name="id" select="'dossier.parts'"/><xsl:with-param name="a1" select="count($dossier/p:part)"/></xsl:call-template>
              </xsl:otherwise>
            </xsl:choose>
            <ul>
              <xsl:for-each select="$dossier/p:part">
                <li>
                  <strong><xsl:value-of select="normalize-space(p:name)"/></strong>
                  <xsl:if test="p:item">
                    <xsl:text>: </xsl:text>
                    <xsl:for-each select="p:item">
                      <xsl:if test="position() &gt; 1">; </xsl:if>
                      <xsl:choose>
                        <xsl:when test="position() = 1"><xsl:value-of select="normalize-space(.)"/></xsl:when>
                        <xsl:otherwise><xsl:call-template name="pc-lcfirst"><xsl:with-param name="s" select="normalize-space(.)"/></xsl:call-template></xsl:otherwise>
                      </xsl:choose>
                    </xsl:for-each>
                    <xsl:text>.</xsl:text>
                  </xsl:if>
                  <xsl:text> </xsl:text>
                  <xsl:call-template name="s"><xsl:with-param name="id" select="concat('dossier.part.access.', @client-access)"/></xsl:call-template>
                </li>
              </xsl:for-each>
            </ul>
          </xsl:if>
          <!-- who has access; professional secrecy -->
          <p>
            <xsl:choose>
              <xsl:when test="$dossier/p:access/p:description">
                <xsl:call-template name="sentence"><xsl:with-param name="t" select="$dossier/p:access/p:description"/></xsl:call-template>
              </xsl:when>
              <xsl:when test="$dossier/p:access/@sole-therapist = 'yes'">
                <xsl:call-template name="s"><xsl:with-param name="id" select="'dossier.access.sole'"/></xsl:call-template>
              </xsl:when>
              <xsl:otherwise>
                <xsl:call-template name="s"><xsl:with-param name="id" select="'dossier.access.team'"/></xsl:call-template>
              </xsl:otherwise>
            </xsl:choose>
            <xsl:if test="$wgbo and not(contains($dossier/p:access/p:description, 'beroepsgeheim'))">
              <xsl:text> </xsl:text>
              <xsl:call-template name="s"><xsl:with-param name="id" select="'dossier.secrecy'"/></xsl:call-template>
            </xsl:if>
          </p>
          <xsl:if test="$dossier/p:cover[@allowed = 'yes']">
            <p>
              <xsl:choose>
                <xsl:when test="$dossier/p:cover/p:description">
                  <xsl:call-template name="sentence"><xsl:with-param name="t" select="$dossier/p:cover/p:description"/></xsl:call-template>
                </xsl:when>
                <xsl:otherwise><xsl:call-template name="s"><xsl:with-param name="id" select="'dossier.cover'"/></xsl:call-template></xsl:otherwise>
              </xsl:choose>
              <xsl:if test="not(contains($dossier/p:cover/p:description, 'geheim'))">
                <xsl:text> </xsl:text>
                <xsl:call-template name="s"><xsl:with-param name="id" select="'dossier.cover.secrecy'"/></xsl:call-template>
              </xsl:if>
              <xsl:if test="$dossier/p:cover/@client-notified = 'yes'">
                <xsl:text> </xsl:text>
                <xsl:call-template name="s"><xsl:with-param name="id" select="'dossier.cover.notified'"/></xsl:call-template>
              </xsl:if>
            </p>
          </xsl:if>
          <xsl:if test="$dossier/p:cover[@allowed = 'no']">
            <xsl:call-template name="pp"><xsl:with-param name="id" select="'dossier.no-cover'"/></xsl:call-template>
          </xsl:if>
          <xsl:if test="$dossier/p:peer-review">
            <p>
              <xsl:choose>
                <xsl:when test="$dossier/p:peer-review/p:description">
                  <xsl:call-template name="sentence"><xsl:with-param name="t" select="$dossier/p:peer-review/p:description"/></xsl:call-template>
                </xsl:when>
                <xsl:otherwise>
                  <xsl:call-template name="s"><xsl:with-param name="id" select="concat('dossier.peer-review.', $dossier/p:peer-review/@anonymised)"/></xsl:call-template>
                </xsl:otherwise>
              </xsl:choose>
            </p>
          </xsl:if>
          <xsl:if test="$dossier/p:other-providers">
            <xsl:variable name="op" select="$dossier/p:other-providers"/>
            <p>
              <xsl:choose>
                <xsl:when test="$op/p:description">
                  <xsl:call-template name="sentence"><xsl:with-param name="t" select="$op/p:description"/></xsl:call-template>
                </xsl:when>
                <xsl:otherwise>
                  <xsl:call-template name="s"><xsl:with-param name="id" select="concat('dossier.other-providers.', $op/@consent)"/></xsl:call-template>
                </xsl:otherwise>
              </xsl:choose>
            </p>
          </xsl:if>
          <xsl:if test="$dossier/p:inspection">
            <p>
              <xsl:if test="$dossier/p:inspection/@fee = 'no'">
                <xsl:call-template name="s"><xsl:with-param name="id" select="'dossier.inspection.free'"/></xsl:call-template>
                <xsl:text> </xsl:text>
              </xsl:if>
              <xsl:call-template name="sentence"><xsl:with-param name="t" select="$dossier/p:inspection/p:description"/></xsl:call-template>
            </p>
          </xsl:if>
          <xsl:call-template name="pp"><xsl:with-param name="id" select="'dossier.see-rights'"/></xsl:call-template>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- ===== 7 minors ===== -->
  <xsl:template name="s-minors">
    <xsl:if test="$minors">
      <xsl:call-template name="sec">
        <xsl:with-param name="id" select="'minors'"/>
        <xsl:with-param name="body">
          <xsl:call-template name="pp"><xsl:with-param name="id" select="'minors.law'"/></xsl:call-template>
          <xsl:if test="$minors/@parental-consent or $minors/@own-consent-from">
            <p>
              <xsl:if test="$minors/@parental-consent">
                <xsl:call-template name="s"><xsl:with-param name="id" select="concat('minors.consent.', $minors/@parental-consent)"/></xsl:call-template>
              </xsl:if>
              <xsl:if test="$minors/@parental-consent and $minors/@own-consent-from"><xsl:text> </xsl:text></xsl:if>
              <xsl:if test="$minors/@own-consent-from">
                <xsl:call-template name="s"><xsl:with-param name="id" select="'minors.own-consent'"/><xsl:with-param name="a1" select="$minors/@own-consent-from"/></xsl:call-template>
              </xsl:if>
            </p>
          </xsl:if>
          <xsl:if test="$minors/p:description">
            <p><xsl:call-template name="sentence"><xsl:with-param name="t" select="$minors/p:description"/></xsl:call-template></p>
          </xsl:if>
          <xsl:call-template name="pp"><xsl:with-param name="id" select="'minors.rights'"/></xsl:call-template>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- ===== 8 recipients: art. 13(1)(e) ===== -->
  <xsl:template name="s-recipients">
    <xsl:call-template name="sec">
      <xsl:with-param name="id" select="'recipients'"/>
      <xsl:with-param name="body">
        <xsl:call-template name="pp"><xsl:with-param name="id" select="'recipients.lead'"/></xsl:call-template>
        <xsl:if test="not($processors) and not($recipients)">
          <xsl:call-template name="pp"><xsl:with-param name="id" select="'recipients.none'"/></xsl:call-template>
        </xsl:if>
        <xsl:if test="$processors">
          <xsl:call-template name="sec">
            <xsl:with-param name="id" select="'processors'"/>
            <xsl:with-param name="top" select="false()"/>
            <xsl:with-param name="body">
              <xsl:call-template name="pp"><xsl:with-param name="id" select="'processors.lead'"/></xsl:call-template>
              <dl>
                <xsl:for-each select="$processors">
                  <dt>
                    <xsl:value-of select="normalize-space(p:name)"/>
                    <xsl:text> — </xsl:text>
                    <xsl:call-template name="pc-lcfirst"><xsl:with-param name="s" select="normalize-space(p:role)"/></xsl:call-template>
                  </dt>
                  <dd>
                    <p><xsl:call-template name="sentence"><xsl:with-param name="t" select="p:processing"/></xsl:call-template></p>
                    <p>
                      <xsl:if test="@categories">
                        <xsl:call-template name="s">
                          <xsl:with-param name="id" select="'processors.categories'"/>
                          <xsl:with-param name="a1"><xsl:call-template name="pc-category-names"><xsl:with-param name="refs" select="@categories"/></xsl:call-template></xsl:with-param>
                        </xsl:call-template>
                        <xsl:text> </xsl:text>
                      </xsl:if>
                      <xsl:choose>
                        <xsl:when test="@agreement = 'signed' and @agreement-date">
                          <xsl:call-template name="s">
                            <xsl:with-param name="id" select="'processors.agreement.signed-date'"/>
                            <xsl:with-param name="a1"><xsl:call-template name="date"><xsl:with-param name="iso" select="@agreement-date"/></xsl:call-template></xsl:with-param>
                          </xsl:call-template>
                        </xsl:when>
                        <xsl:otherwise>
                          <xsl:call-template name="s"><xsl:with-param name="id" select="concat('processors.agreement.', @agreement)"/></xsl:call-template>
                        </xsl:otherwise>
                      </xsl:choose>
                      <xsl:if test="p:sub-processor">
                        <xsl:text> </xsl:text>
                        <xsl:call-template name="s">
                          <xsl:with-param name="id" select="'processors.sub'"/>
                          <xsl:with-param name="a1">
                            <xsl:for-each select="p:sub-processor">
                              <xsl:if test="position() &gt; 1">; </xsl:if>
                              <xsl:value-of select="normalize-space(p:name)"/>
                              <xsl:if test="p:role or p:location/@country">
                                <xsl:text> (</xsl:text>
                                <xsl:value-of select="normalize-space(p:role)"/>
                                <xsl:if test="p:role and p:location/@country">, </xsl:if>
                                <xsl:if test="p:location/@country">
                                  <xsl:call-template name="country"><xsl:with-param name="code" select="p:location/@country"/></xsl:call-template>
                                </xsl:if>
                                <xsl:text>)</xsl:text>
                              </xsl:if>
                            </xsl:for-each>
                          </xsl:with-param>
                        </xsl:call-template>
                      </xsl:if>
                    </p>
                    <!-- the list last: text.xsl sets a dd's paragraphs before its lists -->
                    <xsl:if test="p:use">
                      <p><xsl:call-template name="s"><xsl:with-param name="id" select="'processors.uses'"/><xsl:with-param name="a1" select="normalize-space(p:name)"/></xsl:call-template></p>
                      <ul>
                        <xsl:for-each select="p:use"><li><xsl:value-of select="normalize-space(.)"/></li></xsl:for-each>
                      </ul>
                    </xsl:if>
                  </dd>
                </xsl:for-each>
              </dl>
            </xsl:with-param>
          </xsl:call-template>
        </xsl:if>
        <xsl:if test="$recipients">
          <xsl:call-template name="sec">
            <xsl:with-param name="id" select="'sharing'"/>
            <xsl:with-param name="top" select="false()"/>
            <xsl:with-param name="body">
              <xsl:call-template name="pp"><xsl:with-param name="id" select="'sharing.lead'"/></xsl:call-template>
              <dl>
                <xsl:for-each select="$recipients">
                  <xsl:variable name="story" select="$passages[@id = current()/@passage]"/>
                  <dt><xsl:value-of select="normalize-space(p:name)"/></dt>
                  <dd>
                    <p>
                      <xsl:if test="p:when">
                        <xsl:call-template name="s">
                          <xsl:with-param name="id" select="'sharing.when'"/>
                          <xsl:with-param name="a1"><xsl:call-template name="pc-lcfirst"><xsl:with-param name="s"><xsl:call-template name="sentence"><xsl:with-param name="t" select="p:when"/></xsl:call-template></xsl:with-param></xsl:call-template></xsl:with-param>
                        </xsl:call-template>
                        <xsl:text> </xsl:text>
                      </xsl:if>
                      <xsl:if test="p:description">
                        <xsl:call-template name="sentence"><xsl:with-param name="t" select="p:description"/></xsl:call-template>
                        <xsl:text> </xsl:text>
                      </xsl:if>
                      <xsl:if test="not(contains(p:description, 'toestemming'))">
                        <xsl:call-template name="s"><xsl:with-param name="id" select="concat('consent.', @consent)"/></xsl:call-template>
                      </xsl:if>
                      <xsl:if test="@legal-basis and @consent = 'not-required'">
                        <xsl:text> </xsl:text>
                        <xsl:call-template name="s">
                          <xsl:with-param name="id" select="'purposes.basis'"/>
                          <xsl:with-param name="a1"><xsl:call-template name="pc-basis"><xsl:with-param name="basis" select="@legal-basis"/></xsl:call-template></xsl:with-param>
                        </xsl:call-template>
                      </xsl:if>
                      <xsl:if test="@categories">
                        <xsl:text> </xsl:text>
                        <xsl:call-template name="s">
                          <xsl:with-param name="id" select="'sharing.categories'"/>
                          <xsl:with-param name="a1"><xsl:call-template name="pc-category-names"><xsl:with-param name="refs" select="@categories"/></xsl:call-template></xsl:with-param>
                        </xsl:call-template>
                      </xsl:if>
                    </p>
                    <xsl:apply-templates select="$story" mode="pc-blocks"/>
                  </dd>
                </xsl:for-each>
              </dl>
            </xsl:with-param>
          </xsl:call-template>
        </xsl:if>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- ===== 9 transfers: art. 13(1)(f) ===== -->
  <!-- Processors and their sub-processors located outside the EEA, each
       with its country and safeguard. -->
  <xsl:template name="s-transfers">
    <xsl:variable name="out" select="$processors/p:location[@eea = 'no'] | $processors/p:sub-processor/p:location[@eea = 'no']"/>
    <xsl:call-template name="sec">
      <xsl:with-param name="id" select="'transfers'"/>
      <xsl:with-param name="body">
        <xsl:choose>
          <xsl:when test="not($out)">
            <p>
              <xsl:call-template name="s"><xsl:with-param name="id" select="'transfers.none'"/></xsl:call-template>
              <xsl:if test="$processors">
                <xsl:text> </xsl:text>
                <xsl:call-template name="s"><xsl:with-param name="id" select="'transfers.none.processors'"/></xsl:call-template>
              </xsl:if>
            </p>
          </xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="pp"><xsl:with-param name="id" select="'transfers.lead'"/></xsl:call-template>
            <ul>
              <xsl:for-each select="$out">
                <li>
                  <xsl:call-template name="s">
                    <xsl:with-param name="id" select="'transfers.item'"/>
                    <xsl:with-param name="a1">
                      <xsl:choose>
                        <xsl:when test="parent::p:sub-processor">
                          <xsl:call-template name="s">
                            <xsl:with-param name="id" select="'transfers.sub'"/>
                            <xsl:with-param name="a1" select="normalize-space(../p:name)"/>
                            <xsl:with-param name="a2" select="normalize-space(../../p:name)"/>
                          </xsl:call-template>
                        </xsl:when>
                        <xsl:otherwise><xsl:value-of select="normalize-space(../p:name)"/></xsl:otherwise>
                      </xsl:choose>
                    </xsl:with-param>
                    <xsl:with-param name="a2">
                      <xsl:choose>
                        <xsl:when test="@country"><xsl:call-template name="country"><xsl:with-param name="code" select="@country"/></xsl:call-template></xsl:when>
                        <xsl:otherwise><xsl:call-template name="s"><xsl:with-param name="id" select="'transfers.outside'"/></xsl:call-template></xsl:otherwise>
                      </xsl:choose>
                    </xsl:with-param>
                  </xsl:call-template>
                  <xsl:text> </xsl:text>
                  <xsl:choose>
                    <xsl:when test="@safeguard">
                      <xsl:call-template name="s"><xsl:with-param name="id" select="concat('transfers.safeguard.', @safeguard)"/></xsl:call-template>
                    </xsl:when>
                    <xsl:otherwise><xsl:call-template name="s"><xsl:with-param name="id" select="'transfers.safeguard.none'"/></xsl:call-template></xsl:otherwise>
                  </xsl:choose>
                </li>
              </xsl:for-each>
            </ul>
            <!-- a copy of the safeguards (art. 13(1)(f) GDPR) exists for those
                 of art. 46 and 47 (contract clauses, binding corporate rules);
                 an adequacy decision (art. 45, the DPF too) is public law -->
            <xsl:if test="$out[@safeguard = 'scc' or @safeguard = 'bcr']">
              <xsl:call-template name="pp"><xsl:with-param name="id" select="'transfers.copy'"/></xsl:call-template>
            </xsl:if>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- ===== 10 retention: art. 13(2)(a) ===== -->
  <!-- The dossier is kept as the WGBO says (art. 7:454 BW, since 2020):
       20 years from the last change, for children too; a longer term the
       practice chose is kept. Other rules are written as the model says.
       Financial records: 7 years (art. 52 AWR) when the practice invoices
       and the model has no rule for them. -->
  <xsl:template name="s-retention">
    <xsl:variable name="rules" select="$P/p:retention/p:rule"/>
    <xsl:variable name="drules" select="$rules[@applies-to = 'dossier']"/>
    <xsl:call-template name="sec">
      <xsl:with-param name="id" select="'retention'"/>
      <xsl:with-param name="body">
        <xsl:call-template name="pp"><xsl:with-param name="id" select="'retention.lead'"/></xsl:call-template>
        <ul>
          <xsl:if test="$wgbo">
            <xsl:variable name="years">
              <xsl:for-each select="$drules/@years">
                <xsl:sort data-type="number" order="descending"/>
                <xsl:if test="position() = 1"><xsl:value-of select="."/></xsl:if>
              </xsl:for-each>
            </xsl:variable>
            <li>
              <xsl:call-template name="s">
                <xsl:with-param name="id" select="'retention.dossier'"/>
                <xsl:with-param name="a1">
                  <xsl:choose>
                    <xsl:when test="number($years) &gt; 20"><xsl:value-of select="number($years)"/></xsl:when>
                    <xsl:otherwise>20</xsl:otherwise>
                  </xsl:choose>
                </xsl:with-param>
              </xsl:call-template>
              <xsl:if test="$minors or $drules[@for = 'minors']">
                <xsl:text> </xsl:text>
                <xsl:call-template name="s"><xsl:with-param name="id" select="'retention.dossier.children'"/></xsl:call-template>
              </xsl:if>
              <!-- notes of rules counted otherwise explain a rule the law
                   no longer has; they are left out with the rule -->
              <xsl:for-each select="$drules[@from = 'last-change']/p:note">
                <xsl:text> </xsl:text>
                <xsl:call-template name="sentence"><xsl:with-param name="t" select="."/></xsl:call-template>
              </xsl:for-each>
            </li>
          </xsl:if>
          <xsl:for-each select="$rules[@applies-to != 'dossier' or not($wgbo)]">
            <li>
              <xsl:value-of select="normalize-space(p:name)"/>
              <xsl:text>: </xsl:text>
              <xsl:choose>
                <xsl:when test="number(@years) = 0">
                  <xsl:call-template name="s"><xsl:with-param name="id" select="'retention.zero'"/></xsl:call-template>
                </xsl:when>
                <xsl:otherwise>
                  <xsl:call-template name="s">
                    <xsl:with-param name="id" select="concat('retention.from.', @from)"/>
                    <xsl:with-param name="a1" select="number(@years)"/>
                  </xsl:call-template>
                </xsl:otherwise>
              </xsl:choose>
              <xsl:if test="@applies-to = 'financial' and number(@years) = 7">
                <xsl:text> </xsl:text>
                <xsl:call-template name="s"><xsl:with-param name="id" select="'retention.financial.law'"/></xsl:call-template>
              </xsl:if>
              <xsl:if test="p:note">
                <xsl:text> </xsl:text>
                <xsl:call-template name="sentence"><xsl:with-param name="t" select="p:note"/></xsl:call-template>
              </xsl:if>
            </li>
          </xsl:for-each>
          <xsl:if test="$invoices and not($rules[@applies-to = 'financial'])">
            <li>
              <xsl:call-template name="s"><xsl:with-param name="id" select="'retention.financial'"/></xsl:call-template>
              <xsl:text> </xsl:text>
              <xsl:call-template name="s"><xsl:with-param name="id" select="'retention.financial.law'"/></xsl:call-template>
            </li>
          </xsl:if>
        </ul>
        <xsl:if test="$wgbo">
          <xsl:call-template name="pp"><xsl:with-param name="id" select="'retention.dossier.admin'"/></xsl:call-template>
        </xsl:if>
        <xsl:call-template name="pp"><xsl:with-param name="id" select="'retention.end'"/></xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- ===== 11 security (art. 32) and breaches (art. 33, 34) ===== -->
  <xsl:template name="s-security">
    <xsl:call-template name="sec">
      <xsl:with-param name="id" select="'security'"/>
      <xsl:with-param name="body">
        <xsl:call-template name="pp"><xsl:with-param name="id" select="'security.lead'"/></xsl:call-template>
        <ul>
          <xsl:for-each select="$P/p:security/p:measure">
            <li><xsl:call-template name="sentence"><xsl:with-param name="t" select="."/></xsl:call-template></li>
          </xsl:for-each>
        </ul>
        <xsl:call-template name="pp"><xsl:with-param name="id" select="'security.breach'"/></xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- ===== 12 communication ===== -->
  <xsl:template name="s-communication">
    <xsl:variable name="ch" select="$P/p:communication/p:channel"/>
    <xsl:if test="$ch">
      <xsl:call-template name="sec">
        <xsl:with-param name="id" select="'communication'"/>
        <xsl:with-param name="body">
          <xsl:for-each select="$ch[not(@with = preceding-sibling::p:channel/@with)]">
            <xsl:variable name="with" select="@with"/>
            <p><xsl:call-template name="s"><xsl:with-param name="id" select="concat('communication.with.', $with)"/></xsl:call-template></p>
            <dl>
              <xsl:for-each select="$ch[@with = $with]">
                <dt><xsl:value-of select="normalize-space(p:name)"/></dt>
                <dd><xsl:call-template name="sentence"><xsl:with-param name="t" select="p:security"/></xsl:call-template></dd>
              </xsl:for-each>
            </dl>
          </xsl:for-each>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- ===== 13 zorgnota ===== -->
  <xsl:template name="s-zorgnota">
    <xsl:variable name="z" select="$P/p:zorgnota"/>
    <xsl:if test="$z">
      <xsl:call-template name="sec">
        <xsl:with-param name="id" select="'zorgnota'"/>
        <xsl:with-param name="body">
          <p>
            <xsl:call-template name="s"><xsl:with-param name="id" select="'zorgnota.lead'"/></xsl:call-template>
            <xsl:if test="$z/@delivery">
              <xsl:text> </xsl:text>
              <xsl:call-template name="s"><xsl:with-param name="id" select="concat('zorgnota.delivery.', $z/@delivery)"/></xsl:call-template>
            </xsl:if>
            <xsl:text> </xsl:text>
            <xsl:call-template name="s"><xsl:with-param name="id" select="'zorgnota.fields'"/></xsl:call-template>
          </p>
          <ul>
            <xsl:for-each select="$z/p:field">
              <li>
                <xsl:call-template name="s"><xsl:with-param name="id" select="concat('zorgnota.field.', @name)"/></xsl:call-template>
                <xsl:if test="normalize-space(.) != ''">
                  <xsl:text>: </xsl:text>
                  <xsl:value-of select="normalize-space(.)"/>
                </xsl:if>
              </li>
            </xsl:for-each>
          </ul>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- ===== 14 cookies ===== -->
  <xsl:template name="s-cookies">
    <xsl:variable name="c" select="$P/p:cookies/p:cookie"/>
    <xsl:if test="$c">
      <xsl:call-template name="sec">
        <xsl:with-param name="id" select="'cookies'"/>
        <xsl:with-param name="body">
          <keep>
          <p>
            <xsl:call-template name="s"><xsl:with-param name="id" select="'cookies.lead'"/></xsl:call-template>
            <xsl:if test="$ID/p:contact/p:website">
              <xsl:text> </xsl:text>
              <xsl:call-template name="s"><xsl:with-param name="id" select="'cookies.site'"/></xsl:call-template>
              <xsl:text> </xsl:text>
              <xsl:call-template name="pc-website-link"/>
              <xsl:text>:</xsl:text>
            </xsl:if>
          </p>
          <table rules="rows" id="cookie-table">
            <col width="2*"/><col width="4*"/><col width="6*"/><col width="3*"/><col width="3*"/>
            <thead>
              <row>
                <cell><xsl:call-template name="s"><xsl:with-param name="id" select="'cookies.col.name'"/></xsl:call-template></cell>
                <cell><xsl:call-template name="s"><xsl:with-param name="id" select="'cookies.col.provider'"/></xsl:call-template></cell>
                <cell><xsl:call-template name="s"><xsl:with-param name="id" select="'cookies.col.purpose'"/></xsl:call-template></cell>
                <cell><xsl:call-template name="s"><xsl:with-param name="id" select="'cookies.col.lifetime'"/></xsl:call-template></cell>
                <cell><xsl:call-template name="s"><xsl:with-param name="id" select="'cookies.col.consent'"/></xsl:call-template></cell>
              </row>
            </thead>
            <tbody>
              <xsl:for-each select="$c">
                <row>
                  <cell><xsl:value-of select="@name"/></cell>
                  <cell><xsl:value-of select="@provider"/></cell>
                  <cell>
                    <xsl:call-template name="sentence"><xsl:with-param name="t" select="p:purpose"/></xsl:call-template>
                    <xsl:text> </xsl:text>
                    <xsl:call-template name="s"><xsl:with-param name="id" select="concat('cookies.type.', @type)"/></xsl:call-template>
                  </cell>
                  <cell><xsl:call-template name="pc-duration"><xsl:with-param name="iso" select="@lifetime"/></xsl:call-template></cell>
                  <cell>
                    <xsl:call-template name="s">
                      <xsl:with-param name="id">
                        <xsl:choose>
                          <!-- a technical or functional cookie needs no consent:
                               "niet nodig", not "niet gevraagd" -->
                          <xsl:when test="@consent = 'no' and (@type = 'technical' or @type = 'functional')">cookies.consent.not-needed</xsl:when>
                          <xsl:otherwise><xsl:value-of select="concat('cookies.consent.', @consent)"/></xsl:otherwise>
                        </xsl:choose>
                      </xsl:with-param>
                    </xsl:call-template>
                  </cell>
                </row>
              </xsl:for-each>
            </tbody>
          </table>
          </keep>
          <xsl:if test="$c[@consent = 'yes']">
            <xsl:call-template name="pp"><xsl:with-param name="id" select="'cookies.ask'"/></xsl:call-template>
          </xsl:if>
          <xsl:call-template name="pp"><xsl:with-param name="id" select="'cookies.browser'"/></xsl:call-template>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- ===== 15 rights: art. 13(2)(b), (c); art. 12 ===== -->
  <xsl:template name="s-rights">
    <xsl:variable name="r" select="$P/p:rights"/>
    <xsl:call-template name="sec">
      <xsl:with-param name="id" select="'rights'"/>
      <xsl:with-param name="body">
        <xsl:call-template name="pp"><xsl:with-param name="id" select="'rights.lead'"/></xsl:call-template>
        <ul>
          <xsl:call-template name="right-item"><xsl:with-param name="t" select="'access'"/></xsl:call-template>
          <xsl:call-template name="right-item"><xsl:with-param name="t" select="'rectification'"/></xsl:call-template>
          <xsl:call-template name="right-item"><xsl:with-param name="t" select="'erasure'"/></xsl:call-template>
          <xsl:call-template name="right-item"><xsl:with-param name="t" select="'restriction'"/></xsl:call-template>
          <xsl:call-template name="right-item"><xsl:with-param name="t" select="'objection'"/></xsl:call-template>
          <xsl:call-template name="right-item"><xsl:with-param name="t" select="'portability'"/></xsl:call-template>
          <xsl:call-template name="right-item"><xsl:with-param name="t" select="'withdraw-consent'"/></xsl:call-template>
        </ul>
        <!-- how to exercise them -->
        <xsl:variable name="channels" select="$r/p:exercise/p:channel"/>
        <p>
          <xsl:call-template name="s">
            <xsl:with-param name="id" select="'rights.how'"/>
            <xsl:with-param name="a1">
              <xsl:choose>
                <xsl:when test="$channels">
                  <xsl:for-each select="$channels">
                    <xsl:if test="position() &gt; 1">
                      <xsl:choose>
                        <xsl:when test="position() = last()"><xsl:text> </xsl:text><xsl:call-template name="s"><xsl:with-param name="id" select="'or'"/></xsl:call-template><xsl:text> </xsl:text></xsl:when>
                        <xsl:otherwise>, </xsl:otherwise>
                      </xsl:choose>
                    </xsl:if>
                    <xsl:call-template name="channel-words"><xsl:with-param name="c" select="normalize-space(.)"/></xsl:call-template>
                  </xsl:for-each>
                </xsl:when>
                <xsl:when test="$ID/p:contact/p:email">
                  <xsl:call-template name="channel-words"><xsl:with-param name="c" select="'email'"/></xsl:call-template>
                  <xsl:text> </xsl:text><xsl:call-template name="s"><xsl:with-param name="id" select="'or'"/></xsl:call-template><xsl:text> </xsl:text>
                  <xsl:call-template name="channel-words"><xsl:with-param name="c" select="'post'"/></xsl:call-template>
                </xsl:when>
                <xsl:otherwise>
                  <xsl:call-template name="channel-words"><xsl:with-param name="c" select="'post'"/></xsl:call-template>
                </xsl:otherwise>
              </xsl:choose>
            </xsl:with-param>
          </xsl:call-template>
        </p>
        <xsl:variable name="idm" select="$r/p:exercise/p:identification"/>
        <xsl:choose>
          <xsl:when test="normalize-space($idm) != ''">
            <p><xsl:call-template name="sentence"><xsl:with-param name="t" select="$idm"/></xsl:call-template></p>
          </xsl:when>
          <xsl:when test="$idm/@method and $idm/@method != 'none'">
            <xsl:call-template name="pp"><xsl:with-param name="id" select="concat('rights.id.', $idm/@method)"/></xsl:call-template>
          </xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="pp"><xsl:with-param name="id" select="'rights.id.default'"/></xsl:call-template>
          </xsl:otherwise>
        </xsl:choose>
        <p>
          <xsl:choose>
            <xsl:when test="$r/@response-days">
              <xsl:call-template name="s"><xsl:with-param name="id" select="'rights.response.days'"/><xsl:with-param name="a1" select="$r/@response-days"/></xsl:call-template>
            </xsl:when>
            <xsl:otherwise><xsl:call-template name="s"><xsl:with-param name="id" select="'rights.response.month'"/></xsl:call-template></xsl:otherwise>
          </xsl:choose>
          <xsl:if test="not($r/p:right[@fee = 'yes'])">
            <xsl:text> </xsl:text>
            <xsl:call-template name="s"><xsl:with-param name="id" select="'rights.free'"/></xsl:call-template>
          </xsl:if>
        </p>
        <xsl:if test="$r/p:right[@fee = 'yes']">
          <p>
            <xsl:call-template name="s">
              <xsl:with-param name="id" select="'rights.fee'"/>
              <xsl:with-param name="a1">
                <xsl:for-each select="$r/p:right[@fee = 'yes']">
                  <xsl:if test="position() &gt; 1">, </xsl:if>
                  <xsl:call-template name="pc-lcfirst">
                    <xsl:with-param name="s"><xsl:call-template name="s"><xsl:with-param name="id" select="concat('rights.', @type, '.short')"/></xsl:call-template></xsl:with-param>
                  </xsl:call-template>
                </xsl:for-each>
              </xsl:with-param>
            </xsl:call-template>
          </p>
        </xsl:if>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- one right of art. 15-21 or art. 7(3): always all of them -->
  <xsl:template name="right-item">
    <xsl:param name="t"/>
    <li>
      <strong><xsl:call-template name="s"><xsl:with-param name="id" select="concat('rights.', $t, '.name')"/></xsl:call-template></strong>
      <xsl:text> </xsl:text>
      <xsl:call-template name="s"><xsl:with-param name="id" select="concat('rights.', $t)"/></xsl:call-template>
      <xsl:if test="$t = 'access' and $dossier">
        <xsl:text> </xsl:text>
        <xsl:call-template name="s"><xsl:with-param name="id" select="'rights.access.dossier'"/></xsl:call-template>
      </xsl:if>
      <xsl:if test="$t = 'erasure' and $wgbo">
        <xsl:text> </xsl:text>
        <xsl:call-template name="s"><xsl:with-param name="id" select="'rights.erasure.wgbo'"/></xsl:call-template>
      </xsl:if>
      <xsl:for-each select="$P/p:rights/p:right[@type = $t]/p:note">
        <xsl:text> </xsl:text>
        <xsl:call-template name="sentence"><xsl:with-param name="t" select="."/></xsl:call-template>
      </xsl:for-each>
    </li>
  </xsl:template>

  <xsl:template name="channel-words">
    <xsl:param name="c"/>
    <xsl:choose>
      <xsl:when test="$c = 'email' and $ID/p:contact/p:email">
        <xsl:call-template name="s"><xsl:with-param name="id" select="'rights.channel.email'"/><xsl:with-param name="a1" select="normalize-space($ID/p:contact/p:email)"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="$c = 'phone' and $ID/p:contact/p:phone">
        <xsl:call-template name="s"><xsl:with-param name="id" select="'rights.channel.phone'"/><xsl:with-param name="a1" select="normalize-space($ID/p:contact/p:phone)"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="$c = 'in-person'">
        <xsl:call-template name="s"><xsl:with-param name="id" select="'rights.channel.in-person'"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="s">
          <xsl:with-param name="id" select="'rights.channel.post'"/>
          <xsl:with-param name="a1"><xsl:value-of select="$name"/>, <xsl:call-template name="pc-address-line"/></xsl:with-param>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== 16 complaints: art. 13(2)(d), Wkkgz ===== -->
  <xsl:template name="s-complaints">
    <xsl:call-template name="sec">
      <xsl:with-param name="id" select="'complaints'"/>
      <xsl:with-param name="body">
        <xsl:call-template name="pp"><xsl:with-param name="id" select="'complaints.me'"/></xsl:call-template>
        <xsl:for-each select="$ID/p:complaints/p:body">
          <p>
            <xsl:call-template name="s">
              <xsl:with-param name="id" select="concat('complaints.', substring('bodyalso', 1 + 4 * number(position() &gt; 1), 4), '.', @handles)"/>
              <xsl:with-param name="a1" select="normalize-space(p:name)"/>
            </xsl:call-template>
            <xsl:if test="p:website">
              <xsl:text> </xsl:text>
              <xsl:call-template name="s"><xsl:with-param name="id" select="'complaints.website'"/></xsl:call-template>
              <xsl:text> </xsl:text>
              <xsl:call-template name="pc-website-link"><xsl:with-param name="url" select="normalize-space(p:website)"/></xsl:call-template>
              <xsl:text>.</xsl:text>
            </xsl:if>
          </p>
        </xsl:for-each>
        <p>
          <xsl:call-template name="s"><xsl:with-param name="id" select="'complaints.ap'"/></xsl:call-template>
          <xsl:text> </xsl:text>
          <link href="https://www.autoriteitpersoonsgegevens.nl">autoriteitpersoonsgegevens.nl</link>
          <xsl:text>.</xsl:text>
        </p>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- ===== 17 obligation: art. 13(2)(e) ===== -->
  <xsl:template name="s-obligation">
    <xsl:call-template name="sec">
      <xsl:with-param name="id" select="'obligation'"/>
      <xsl:with-param name="body">
        <p>
          <xsl:call-template name="s"><xsl:with-param name="id" select="'obligation.not-required'"/></xsl:call-template>
          <xsl:text> </xsl:text>
          <xsl:choose>
            <xsl:when test="$wgbo"><xsl:call-template name="s"><xsl:with-param name="id" select="'obligation.dossier'"/></xsl:call-template></xsl:when>
            <xsl:otherwise><xsl:call-template name="s"><xsl:with-param name="id" select="'obligation.service'"/></xsl:call-template></xsl:otherwise>
          </xsl:choose>
          <xsl:if test="$P/p:zorgnota">
            <xsl:text> </xsl:text>
            <xsl:call-template name="s"><xsl:with-param name="id" select="'obligation.zorgnota'"/></xsl:call-template>
          </xsl:if>
        </p>
        <xsl:if test="$P/p:purposes/p:purpose/p:consequence">
          <ul>
            <xsl:for-each select="$P/p:purposes/p:purpose[p:consequence]">
              <li>
                <xsl:value-of select="normalize-space(p:name)"/>
                <xsl:text>: </xsl:text>
                <xsl:call-template name="pc-lcfirst"><xsl:with-param name="s"><xsl:call-template name="sentence"><xsl:with-param name="t" select="p:consequence"/></xsl:call-template></xsl:with-param></xsl:call-template>
              </li>
            </xsl:for-each>
          </ul>
        </xsl:if>
        <xsl:if test="$P/p:purposes/p:purpose[contains(concat(' ', normalize-space(@legal-basis), ' '), ' consent ')]">
          <xsl:call-template name="pp"><xsl:with-param name="id" select="'obligation.consent'"/></xsl:call-template>
        </xsl:if>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- ===== 18 automated decisions: art. 13(2)(f) ===== -->
  <xsl:template name="s-automated">
    <xsl:call-template name="sec">
      <xsl:with-param name="id" select="'automated'"/>
      <xsl:with-param name="body">
        <xsl:choose>
          <xsl:when test="$P/p:rights/@automated-decisions = 'yes'">
            <xsl:call-template name="pp"><xsl:with-param name="id" select="'automated.yes'"/></xsl:call-template>
          </xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="pp"><xsl:with-param name="id" select="'automated.no'"/></xsl:call-template>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- ===== 19 changes, version and date ===== -->
  <xsl:template name="s-changes">
    <xsl:call-template name="sec">
      <xsl:with-param name="id" select="'changes'"/>
      <xsl:with-param name="body">
        <p>
          <xsl:call-template name="s"><xsl:with-param name="id" select="'changes.when'"/></xsl:call-template>
          <xsl:if test="$ID/p:contact/p:website">
            <xsl:text> </xsl:text>
            <xsl:call-template name="s"><xsl:with-param name="id" select="'changes.website'"/></xsl:call-template>
            <xsl:text> </xsl:text>
            <xsl:call-template name="pc-website-link"/>
            <xsl:text>.</xsl:text>
          </xsl:if>
        </p>
        <xsl:call-template name="pp"><xsl:with-param name="id" select="'changes.announce'"/></xsl:call-template>
        <!-- what changed since the previous version: the change list regen
             adds to the model (urn:zorgdoc:changes:1, docs/regen.md) -->
        <xsl:variable name="CH" select="$P/c:changes[c:change and string(@from-version) != '']"/>
        <xsl:if test="$CH">
          <p>
            <xsl:call-template name="str">
              <xsl:with-param name="id" select="'diff.since'"/>
              <xsl:with-param name="a1" select="string($CH/@to-version)"/>
              <xsl:with-param name="a2"><xsl:call-template name="date"><xsl:with-param name="iso" select="string($CH/@to-effective)"/></xsl:call-template></xsl:with-param>
              <xsl:with-param name="a3" select="string($CH/@from-version)"/>
            </xsl:call-template>
          </p>
          <xsl:call-template name="ch-list"><xsl:with-param name="changes" select="$CH"/></xsl:call-template>
        </xsl:if>
        <p>
          <xsl:call-template name="s">
            <xsl:with-param name="id" select="'changes.version'"/>
            <xsl:with-param name="a1" select="normalize-space($P/p:policy/@version)"/>
            <xsl:with-param name="a2"><xsl:call-template name="date"><xsl:with-param name="iso" select="$P/p:policy/@effective"/></xsl:call-template></xsl:with-param>
          </xsl:call-template>
        </p>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>
</xsl:stylesheet>
