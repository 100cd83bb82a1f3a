<?xml version="1.0" encoding="UTF-8"?>
<!-- dpa.xsl — the verwerkersovereenkomst (processor agreement, GDPR
     art. 28(3)) from the practice model (urn:zorgdoc:practice:1) into the
     document vocabulary (urn:zorgdoc:doc:1).

     Two directions:
     - controller: the practice is the Verwerkingsverantwoordelijke and the
       processor with id $processor (one of processors/processor) the
       Verwerker; Bijlage 1 describes what that processor does, its
       sub-processors by name; Bijlage 2 the minimum security measures and
       the practice's own.
     - processor (seed BioBalans): the practice is the Verwerker and a
       client the Verwerkingsverantwoordelijke ($client-name and address
       parameters, or blanks to fill in); every processor of the practice
       is a Subverwerker; Bijlage 2 holds the practice's measures.
     The direction is "processor" when $client-name is given or, without
     $processor, when processor-agreement/@practice-role is "processor".

     Options from processor-agreement (defaults when absent): subprocessors
     (specific), notice-days (30), breach-hours (48), liability-cap-cents
     (none), governing-law (NL), outside-eea (not-allowed),
     end-of-processing (choice), duration (contract; treatment in the
     processor direction).

     Every GDPR art. 28(3) element is an article with a stable section id
     (documented in docs/dpa.md; the tests look for them):
       art-subject art-nature-purpose art-data art-instructions
       art-confidentiality art-security art-subprocessors art-transfers
       art-rights art-breach art-assistance art-audits art-end
     plus art-definitions art-liability art-costs art-duration art-law,
     parties, recitals, signatures, annex-1 (annex-1-*), annex-2
     (annex-2-*).

     Articles are written in a first pass (t:article, t:clause) and
     numbered in a second, so an article left out never leaves a gap.
     All wording is in locales/<locale>.xml (dpa.* and register.*). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:zd="urn:zorgdoc:xslt:1"
    xmlns:p="urn:zorgdoc:practice:1"
    xmlns:d="urn:zorgdoc:doc:1"
    xmlns:l="urn:zorgdoc:locale:1"
    xmlns:t="urn:zorgdoc:draft"
    xmlns:exsl="http://exslt.org/common"
    extension-element-prefixes="exsl"
    exclude-result-prefixes="p l t exsl zd">

  <xsl:include href="common.xsl"/>
  <xsl:include href="processing-common.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>

  <xsl:param name="processor" select="''"/>
  <xsl:param name="client-name" select="''"/>
  <xsl:param name="client-street" select="''"/>
  <xsl:param name="client-postcode" select="''"/>
  <xsl:param name="client-city" select="''"/>

  <xsl:variable name="P" select="/p:practice"/>
  <xsl:variable name="I" select="$P/p:identity"/>
  <xsl:variable name="A" select="$P/p:processor-agreement"/>

  <xsl:variable name="mode">
    <xsl:choose>
      <xsl:when test="$client-name != ''">processor</xsl:when>
      <xsl:when test="$processor = '' and $A/@practice-role = 'processor'">processor</xsl:when>
      <xsl:otherwise>controller</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="C" select="$mode = 'controller'"/>
  <xsl:variable name="X" select="$P/p:processors/p:processor[@id = $processor]"/>

  <!-- options -->
  <xsl:variable name="subs">
    <xsl:choose>
      <xsl:when test="$A/@subprocessors"><xsl:value-of select="$A/@subprocessors"/></xsl:when>
      <xsl:otherwise>specific</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="notice-days">
    <xsl:choose>
      <xsl:when test="$A/@notice-days"><xsl:value-of select="$A/@notice-days"/></xsl:when>
      <xsl:otherwise>30</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="breach-hours">
    <xsl:choose>
      <xsl:when test="$A/@breach-hours"><xsl:value-of select="$A/@breach-hours"/></xsl:when>
      <xsl:otherwise>48</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="outside-eea">
    <xsl:choose>
      <xsl:when test="$A/@outside-eea"><xsl:value-of select="$A/@outside-eea"/></xsl:when>
      <xsl:otherwise>not-allowed</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="end">
    <xsl:choose>
      <xsl:when test="$A/@end-of-processing"><xsl:value-of select="$A/@end-of-processing"/></xsl:when>
      <xsl:otherwise>choice</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="duration">
    <xsl:choose>
      <xsl:when test="$A/@duration"><xsl:value-of select="$A/@duration"/></xsl:when>
      <xsl:when test="$C">contract</xsl:when>
      <xsl:otherwise>treatment</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="law">
    <xsl:choose>
      <xsl:when test="$A/@governing-law"><xsl:value-of select="$A/@governing-law"/></xsl:when>
      <xsl:otherwise>NL</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <!-- what is processed -->
  <xsl:variable name="cat-refs">
    <xsl:choose>
      <xsl:when test="$C and normalize-space($X/@categories) != ''">
        <xsl:value-of select="normalize-space($X/@categories)"/>
      </xsl:when>
      <xsl:when test="$C">
        <xsl:for-each select="$P/p:data/p:group/p:category">
          <xsl:value-of select="concat(@id, ' ')"/>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise>
        <xsl:for-each select="$P/p:data/p:group[@kind != 'website-visitors']/p:category">
          <xsl:value-of select="concat(@id, ' ')"/>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="cats"
      select="$P/p:data/p:group/p:category[contains(concat(' ', normalize-space($cat-refs), ' '), concat(' ', @id, ' '))]"/>
  <xsl:variable name="groups" select="$P/p:data/p:group[p:category[count(. | $cats) = count($cats)]]"/>
  <xsl:variable name="purposes-chosen">
    <xsl:choose>
      <xsl:when test="$C and normalize-space($X/@purposes) != ''">
        <xsl:for-each select="$P/p:purposes/p:purpose[contains(concat(' ', normalize-space($X/@purposes), ' '), concat(' ', @id, ' '))]">
          <xsl:value-of select="concat(@id, ' ')"/>
        </xsl:for-each>
      </xsl:when>
      <xsl:when test="$C">
        <!-- no purposes named: those using a category the processor has -->
        <xsl:for-each select="$P/p:purposes/p:purpose">
          <xsl:variable name="pc" select="concat(' ', normalize-space(@categories), ' ')"/>
          <xsl:if test="$cats[contains($pc, concat(' ', @id, ' '))]">
            <xsl:value-of select="concat(@id, ' ')"/>
          </xsl:if>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise>
        <xsl:for-each select="$P/p:purposes/p:purpose"><xsl:value-of select="concat(@id, ' ')"/></xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="purposes"
      select="$P/p:purposes/p:purpose[contains(concat(' ', $purposes-chosen), concat(' ', @id, ' '))]"/>
  <!-- the (sub)processors: entries with p:name and an optional p:location -->
  <xsl:variable name="subprocessors" select="$X/p:sub-processor[$C] | $P/p:processors/p:processor[not($C)]"/>
  <!-- retention rules naming a category of this processing, plus rules
       naming none (they apply to everything of their kind) -->
  <xsl:variable name="rule-ids">
    <xsl:for-each select="$P/p:retention/p:rule">
      <xsl:variable name="rc" select="concat(' ', normalize-space(@categories), ' ')"/>
      <xsl:if test="not(@categories) or $cats[contains($rc, concat(' ', @id, ' '))]">
        <xsl:value-of select="concat(' ', @id, ' ')"/>
      </xsl:if>
    </xsl:for-each>
  </xsl:variable>
  <xsl:variable name="rules" select="$P/p:retention/p:rule[contains($rule-ids, concat(' ', @id, ' '))]"/>
  <xsl:variable name="special" select="boolean($cats[@special = 'yes'])"/>
  <xsl:variable name="transfers"
      select="$X[$C]/p:location[@eea = 'no'] | $subprocessors/p:location[@eea = 'no'] | $subprocessors/p:sub-processor/p:location[@eea = 'no']"/>

  <xsl:variable name="practice-address">
    <xsl:call-template name="address-line"><xsl:with-param name="a" select="$I/p:address"/></xsl:call-template>
  </xsl:variable>
  <xsl:variable name="blank">
    <xsl:call-template name="str"><xsl:with-param name="id" select="'dpa.blank'"/></xsl:call-template>
  </xsl:variable>
  <xsl:variable name="other-name">
    <xsl:choose>
      <xsl:when test="$C"><xsl:value-of select="normalize-space($X/p:name[not(@parties)] | $X/p:name/@parties)"/></xsl:when>
      <xsl:when test="$client-name != ''"><xsl:value-of select="$client-name"/></xsl:when>
      <xsl:otherwise><xsl:call-template name="str"><xsl:with-param name="id" select="'dpa.the-client'"/></xsl:call-template></xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="version">
    <xsl:call-template name="str">
      <xsl:with-param name="id" select="'common.version'"/>
      <xsl:with-param name="a1" select="$P/p:policy/@version"/>
      <xsl:with-param name="a2"><xsl:call-template name="date"><xsl:with-param name="iso" select="$P/p:policy/@effective"/></xsl:call-template></xsl:with-param>
    </xsl:call-template>
  </xsl:variable>

  <!-- ============================================================ helpers -->

  <!-- a clause: the string $id as one numbered paragraph -->
  <xsl:template name="cl">
    <xsl:param name="id"/>
    <xsl:param name="a1" select="''"/>
    <xsl:param name="a2" select="''"/>
    <xsl:param name="a3" select="''"/>
    <t:clause>
      <xsl:call-template name="str">
        <xsl:with-param name="id" select="$id"/>
        <xsl:with-param name="a1" select="$a1"/>
        <xsl:with-param name="a2" select="$a2"/>
        <xsl:with-param name="a3" select="$a3"/>
      </xsl:call-template>
    </t:clause>
  </xsl:template>

  <xsl:template name="s">
    <xsl:param name="id"/>
    <xsl:param name="a1" select="''"/>
    <xsl:param name="a2" select="''"/>
    <xsl:param name="a3" select="''"/>
    <xsl:call-template name="str">
      <xsl:with-param name="id" select="$id"/>
      <xsl:with-param name="a1" select="$a1"/>
      <xsl:with-param name="a2" select="$a2"/>
      <xsl:with-param name="a3" select="$a3"/>
    </xsl:call-template>
  </xsl:template>

  <!-- a d:li per string id in the space-separated $ids -->
  <xsl:template name="items">
    <xsl:param name="ids"/>
    <xsl:variable name="rest" select="normalize-space($ids)"/>
    <xsl:if test="$rest != ''">
      <xsl:variable name="first">
        <xsl:choose>
          <xsl:when test="contains($rest, ' ')"><xsl:value-of select="substring-before($rest, ' ')"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="$rest"/></xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <d:li><xsl:call-template name="s"><xsl:with-param name="id" select="$first"/></xsl:call-template></d:li>
      <xsl:call-template name="items"><xsl:with-param name="ids" select="substring-after($rest, ' ')"/></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template name="title">
    <xsl:param name="id"/>
    <d:title><xsl:call-template name="s"><xsl:with-param name="id" select="$id"/></xsl:call-template></d:title>
  </xsl:template>

  <!-- ============================================================== root -->

  <xsl:template match="/">
    <xsl:if test="not(p:practice)">
      <xsl:message terminate="yes">zorgdoc: dpa.xsl needs a practice file</xsl:message>
    </xsl:if>
    <xsl:if test="$C and not($X)">
      <xsl:message terminate="yes">zorgdoc: the practice has no processor with id '<xsl:value-of select="$processor"/>'</xsl:message>
    </xsl:if>
    <xsl:variable name="draft">
      <xsl:call-template name="front"/>
      <xsl:call-template name="articles"/>
      <xsl:call-template name="signatures"/>
      <d:page-break/>
      <xsl:call-template name="annex-1"/>
      <d:page-break/>
      <xsl:call-template name="annex-2"/>
    </xsl:variable>
    <d:doc kind="agreement">
      <d:meta>
        <d:title><xsl:call-template name="s"><xsl:with-param name="id" select="'dpa.title'"/></xsl:call-template></d:title>
        <d:subject>
          <xsl:call-template name="s">
            <xsl:with-param name="id" select="'dpa.subject'"/>
            <xsl:with-param name="a1" select="normalize-space($I/p:name[not(@parties)] | $I/p:name/@parties)"/>
            <xsl:with-param name="a2" select="$other-name"/>
          </xsl:call-template>
        </d:subject>
        <d:author><xsl:value-of select="normalize-space($I/p:name[not(@parties)] | $I/p:name/@parties)"/></d:author>
        <d:keywords><xsl:call-template name="s"><xsl:with-param name="id" select="'dpa.keywords'"/></xsl:call-template></d:keywords>
        <d:language><xsl:value-of select="$locale"/></d:language>
        <d:version><xsl:value-of select="$P/p:policy/@version"/></d:version>
        <d:date><xsl:value-of select="$P/p:policy/@effective"/></d:date>
      </d:meta>
      <xsl:call-template name="brand-style">
        <xsl:with-param name="qname" select="'d:style'"/>
        <xsl:with-param name="font" select="$I/p:branding/@font"/>
        <xsl:with-param name="colour" select="$I/p:branding/p:colour"/>
      </xsl:call-template>
      <xsl:call-template name="letterhead"/>
      <d:header logo="{substring('yesno', 1 + 3 * number(not($I/p:branding/p:logo)), 3)}">
        <d:left><xsl:value-of select="normalize-space($I/p:name[not(@parties)] | $I/p:name/@parties)"/></d:left>
        <d:right><xsl:call-template name="s"><xsl:with-param name="id" select="'dpa.title'"/></xsl:call-template></d:right>
      </d:header>
      <d:footer first="yes">
        <d:left>
          <xsl:call-template name="s">
            <xsl:with-param name="id" select="'dpa.footer'"/>
            <xsl:with-param name="a1" select="normalize-space($I/p:name[not(@parties)] | $I/p:name/@parties)"/>
            <xsl:with-param name="a2" select="$other-name"/>
            <xsl:with-param name="a3" select="$version"/>
          </xsl:call-template>
        </d:left>
        <d:right>
          <xsl:call-template name="page-number"/>
        </d:right>
      </d:footer>
      <d:body>
        <xsl:apply-templates select="exsl:node-set($draft)/node()" mode="number"/>
      </d:body>
    </d:doc>
  </xsl:template>

  <!-- "pagina <page/> van <pages/>" from common.page -->
  <xsl:template name="page-number">
    <xsl:variable name="s" select="zd:entry($L, 'common.page')"/>
    <xsl:value-of select="substring-before($s, '{1}')"/>
    <d:page/>
    <xsl:value-of select="substring-before(substring-after($s, '{1}'), '{2}')"/>
    <d:pages/>
    <xsl:value-of select="substring-after($s, '{2}')"/>
  </xsl:template>

  <xsl:template name="letterhead">
    <d:letterhead>
      <d:name><xsl:value-of select="normalize-space($I/p:name[not(@parties)] | $I/p:name/@parties)"/></d:name>
      <d:line><xsl:value-of select="$practice-address"/></d:line>
      <xsl:if test="$I/p:contact/p:email or $I/p:contact/p:phone">
        <d:line>
          <xsl:for-each select="$I/p:contact/p:email | $I/p:contact/p:phone">
            <xsl:if test="position() &gt; 1"> · </xsl:if>
            <xsl:value-of select="normalize-space(.)"/>
          </xsl:for-each>
        </d:line>
      </xsl:if>
      <xsl:if test="$I/p:kvk">
        <d:line>
          <xsl:call-template name="s">
            <xsl:with-param name="id" select="'dpa.kvk-line'"/>
            <xsl:with-param name="a1" select="normalize-space($I/p:kvk)"/>
          </xsl:call-template>
        </d:line>
      </xsl:if>
      <xsl:if test="$I/p:branding/p:logo">
        <d:logo href="{$I/p:branding/p:logo/@file}" alt="{normalize-space($I/p:name[not(@parties)] | $I/p:name/@parties)}"/>
      </xsl:if>
    </d:letterhead>
  </xsl:template>

  <!-- ============================================== parties and recitals -->

  <xsl:template name="front">
    <d:section id="parties">
      <xsl:call-template name="title"><xsl:with-param name="id" select="'dpa.parties.title'"/></xsl:call-template>
      <d:p><xsl:call-template name="s"><xsl:with-param name="id" select="'dpa.parties.intro'"/></xsl:call-template></d:p>
      <d:ol>
        <xsl:choose>
          <xsl:when test="$C">
            <d:li><xsl:call-template name="party-practice"/></d:li>
            <d:li><xsl:call-template name="party-processor"/></d:li>
          </xsl:when>
          <xsl:otherwise>
            <d:li><xsl:call-template name="party-client"/></d:li>
            <d:li><xsl:call-template name="party-practice"/></d:li>
          </xsl:otherwise>
        </xsl:choose>
      </d:ol>
      <d:p><xsl:call-template name="s"><xsl:with-param name="id" select="'dpa.parties.together'"/></xsl:call-template></d:p>
    </d:section>
    <d:section id="recitals">
      <xsl:call-template name="title"><xsl:with-param name="id" select="'dpa.recitals.title'"/></xsl:call-template>
      <d:p><xsl:call-template name="s"><xsl:with-param name="id" select="'dpa.recitals.intro'"/></xsl:call-template></d:p>
      <d:ul>
        <d:li>
          <xsl:choose>
            <xsl:when test="$C"><xsl:call-template name="s"><xsl:with-param name="id" select="'dpa.recital.service.controller'"/></xsl:call-template></xsl:when>
            <xsl:otherwise>
              <xsl:call-template name="s">
                <xsl:with-param name="id" select="'dpa.recital.service.processor'"/>
                <xsl:with-param name="a1" select="normalize-space($I/p:owner/p:role[not(@parties)] | $I/p:owner/p:role/@parties)"/>
              </xsl:call-template>
            </xsl:otherwise>
          </xsl:choose>
        </d:li>
        <d:li>
          <xsl:call-template name="s">
            <xsl:with-param name="id" select="concat('dpa.recital.data', substring('.special', 1, 8 * number($special)))"/>
          </xsl:call-template>
        </d:li>
        <d:li>
          <xsl:call-template name="s">
            <xsl:with-param name="id" select="concat('dpa.recital.on-behalf.', $mode)"/>
          </xsl:call-template>
        </d:li>
        <d:li><xsl:call-template name="s"><xsl:with-param name="id" select="'dpa.recital.law'"/></xsl:call-template></d:li>
        <d:li><xsl:call-template name="s"><xsl:with-param name="id" select="'dpa.recital.replaces'"/></xsl:call-template></d:li>
      </d:ul>
      <d:p><xsl:call-template name="s"><xsl:with-param name="id" select="'dpa.recitals.agree'"/></xsl:call-template></d:p>
    </d:section>
  </xsl:template>

  <xsl:template name="party-practice">
    <d:strong><xsl:value-of select="normalize-space($I/p:name[not(@parties)] | $I/p:name/@parties)"/></d:strong>
    <xsl:text>, </xsl:text>
    <xsl:call-template name="s">
      <xsl:with-param name="id" select="'dpa.party.seat'"/>
      <xsl:with-param name="a1"><d:name><xsl:value-of select="$practice-address"/></d:name></xsl:with-param>
    </xsl:call-template>
    <xsl:if test="$I/p:kvk">
      <xsl:text>, </xsl:text>
      <xsl:call-template name="s">
        <xsl:with-param name="id" select="'dpa.party.kvk'"/>
        <xsl:with-param name="a1" select="normalize-space($I/p:kvk)"/>
      </xsl:call-template>
    </xsl:if>
    <xsl:text>, </xsl:text>
    <xsl:call-template name="s">
      <xsl:with-param name="id" select="'dpa.party.represented'"/>
      <xsl:with-param name="a1">
        <d:name><xsl:value-of select="normalize-space($I/p:owner/p:name[not(@parties)] | $I/p:owner/p:name/@parties)"/></d:name>
        <xsl:if test="$I/p:owner/p:capacity">
          <xsl:value-of select="concat(', ', normalize-space($I/p:owner/p:capacity[not(@parties)] | $I/p:owner/p:capacity/@parties))"/>
        </xsl:if>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:text> </xsl:text>
    <xsl:call-template name="s"><xsl:with-param name="id" select="concat('dpa.party.as-', $mode)"/></xsl:call-template>
    <xsl:choose>
      <xsl:when test="$C">
        <xsl:text>; </xsl:text>
        <xsl:call-template name="s"><xsl:with-param name="id" select="'dpa.and'"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>,</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="party-processor">
    <d:strong><d:name><xsl:value-of select="normalize-space($X/p:name[not(@parties)] | $X/p:name/@parties)"/></d:name></d:strong>
    <xsl:value-of select="concat(' (', normalize-space($X/p:role[not(@parties)] | $X/p:role/@parties), '), ')"/>
    <xsl:call-template name="s">
      <xsl:with-param name="id" select="'dpa.party.seat'"/>
      <xsl:with-param name="a1" select="$blank"/>
    </xsl:call-template>
    <xsl:text>, </xsl:text>
    <xsl:call-template name="s">
      <xsl:with-param name="id" select="'dpa.party.kvk'"/>
      <xsl:with-param name="a1" select="$blank"/>
    </xsl:call-template>
    <xsl:text>, </xsl:text>
    <xsl:call-template name="s">
      <xsl:with-param name="id" select="'dpa.party.represented'"/>
      <xsl:with-param name="a1" select="$blank"/>
    </xsl:call-template>
    <xsl:text> </xsl:text>
    <xsl:call-template name="s"><xsl:with-param name="id" select="'dpa.party.as-processor-other'"/></xsl:call-template>
    <xsl:text>,</xsl:text>
  </xsl:template>

  <xsl:template name="party-client">
    <xsl:choose>
      <xsl:when test="$client-name != ''"><d:strong><xsl:value-of select="$client-name"/></d:strong></xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="s">
          <xsl:with-param name="id" select="'dpa.party.client-blank'"/>
          <xsl:with-param name="a1" select="$blank"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:text>, </xsl:text>
    <xsl:call-template name="s">
      <xsl:with-param name="id" select="'dpa.party.lives'"/>
      <xsl:with-param name="a1">
        <xsl:choose>
          <xsl:when test="$client-street != ''">
            <xsl:value-of select="$client-street"/>
            <xsl:if test="$client-postcode != '' or $client-city != ''">
              <xsl:value-of select="normalize-space(concat(', ', $client-postcode, ' ', $client-city))"/>
            </xsl:if>
          </xsl:when>
          <xsl:otherwise><xsl:value-of select="$blank"/></xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:text> </xsl:text>
    <xsl:call-template name="s"><xsl:with-param name="id" select="'dpa.party.client-as-controller'"/></xsl:call-template>
    <xsl:text>; </xsl:text>
    <xsl:call-template name="s"><xsl:with-param name="id" select="'dpa.and'"/></xsl:call-template>
  </xsl:template>

  <!-- ========================================================== articles -->

  <xsl:template name="articles">
    <!-- Definitions -->
    <t:article id="art-definitions">
      <xsl:call-template name="title"><xsl:with-param name="id" select="'dpa.art.definitions'"/></xsl:call-template>
      <t:clause>
        <xsl:call-template name="s"><xsl:with-param name="id" select="'dpa.definitions.1'"/></xsl:call-template>
        <d:dl>
          <xsl:call-template name="def"><xsl:with-param name="k" select="'avg'"/></xsl:call-template>
          <xsl:call-template name="def"><xsl:with-param name="k" select="'subject'"/></xsl:call-template>
          <xsl:call-template name="def"><xsl:with-param name="k" select="'annex'"/></xsl:call-template>
          <xsl:call-template name="def"><xsl:with-param name="k" select="'eea'"/></xsl:call-template>
          <xsl:call-template name="def"><xsl:with-param name="k" select="'breach'"/></xsl:call-template>
          <xsl:call-template name="def"><xsl:with-param name="k" select="'incident'"/></xsl:call-template>
          <xsl:call-template name="def"><xsl:with-param name="k" select="'staff'"/></xsl:call-template>
          <xsl:call-template name="def"><xsl:with-param name="k" select="concat('agreement.', $mode)"/></xsl:call-template>
          <xsl:call-template name="def"><xsl:with-param name="k" select="'personal-data'"/></xsl:call-template>
          <xsl:call-template name="def"><xsl:with-param name="k" select="'subprocessor'"/></xsl:call-template>
          <xsl:call-template name="def"><xsl:with-param name="k" select="'process'"/></xsl:call-template>
          <xsl:call-template name="def"><xsl:with-param name="k" select="'processor'"/></xsl:call-template>
          <xsl:call-template name="def"><xsl:with-param name="k" select="'controller'"/></xsl:call-template>
          <xsl:call-template name="def"><xsl:with-param name="k" select="'dpa'"/></xsl:call-template>
        </d:dl>
      </t:clause>
      <xsl:call-template name="cl"><xsl:with-param name="id" select="'dpa.definitions.2'"/></xsl:call-template>
      <xsl:call-template name="cl"><xsl:with-param name="id" select="'dpa.definitions.3'"/></xsl:call-template>
    </t:article>

    <!-- art. 28(3): subject matter and duration -->
    <t:article id="art-subject">
      <xsl:call-template name="title"><xsl:with-param name="id" select="'dpa.art.subject'"/></xsl:call-template>
      <xsl:call-template name="cl"><xsl:with-param name="id" select="'dpa.subject.1'"/></xsl:call-template>
      <t:clause>
        <xsl:call-template name="s"><xsl:with-param name="id" select="concat('dpa.subject.duration.', $duration)"/></xsl:call-template>
        <xsl:text> </xsl:text>
        <xsl:call-template name="s"><xsl:with-param name="id" select="'dpa.subject.duration.see'"/></xsl:call-template>
        <xsl:text> </xsl:text><d:ref to="art-duration"/><xsl:text>.</xsl:text>
      </t:clause>
      <xsl:call-template name="cl"><xsl:with-param name="id" select="'dpa.subject.3'"/></xsl:call-template>
    </t:article>

    <!-- art. 28(3): nature and purpose -->
    <t:article id="art-nature-purpose">
      <xsl:call-template name="title"><xsl:with-param name="id" select="'dpa.art.nature-purpose'"/></xsl:call-template>
      <xsl:choose>
        <xsl:when test="$C">
          <xsl:call-template name="cl">
            <xsl:with-param name="id" select="'dpa.nature.controller'"/>
            <xsl:with-param name="a1" select="normalize-space($X/p:role[not(@parties)] | $X/p:role/@parties)"/>
            <xsl:with-param name="a2" select="normalize-space($X/p:processing[not(@parties)] | $X/p:processing/@parties)"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="cl"><xsl:with-param name="id" select="'dpa.nature.processor'"/></xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:choose>
        <xsl:when test="$purposes">
          <t:clause>
            <xsl:call-template name="s"><xsl:with-param name="id" select="'dpa.purpose.1'"/></xsl:call-template>
            <d:ul>
              <xsl:for-each select="$purposes">
                <d:li><xsl:value-of select="normalize-space(p:name[not(@parties)] | p:name/@parties)"/></d:li>
              </xsl:for-each>
            </d:ul>
          </t:clause>
        </xsl:when>
        <xsl:otherwise>
          <!-- the model names no purpose for this processor (check warns) -->
          <xsl:call-template name="cl"><xsl:with-param name="id" select="'dpa.purpose.service'"/></xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:call-template name="cl"><xsl:with-param name="id" select="'dpa.purpose.own'"/></xsl:call-template>
      <xsl:if test="$special">
        <xsl:call-template name="cl"><xsl:with-param name="id" select="'dpa.purpose.special'"/></xsl:call-template>
      </xsl:if>
      <xsl:if test="$cats[@national-id = 'yes']">
        <xsl:call-template name="cl"><xsl:with-param name="id" select="'dpa.purpose.bsn'"/></xsl:call-template>
      </xsl:if>
    </t:article>

    <!-- art. 28(3): types of personal data, categories of data subjects -->
    <t:article id="art-data">
      <xsl:call-template name="title"><xsl:with-param name="id" select="'dpa.art.data'"/></xsl:call-template>
      <xsl:call-template name="cl">
        <xsl:with-param name="id" select="'dpa.data.1'"/>
        <xsl:with-param name="a1"><xsl:call-template name="join"><xsl:with-param name="items" select="$groups/p:name[not(@parties)] | $groups/p:name/@parties"/></xsl:call-template></xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="cl"><xsl:with-param name="id" select="concat('dpa.data.2.', $mode)"/></xsl:call-template>
    </t:article>

    <!-- art. 28(3)(a) and the last sentence of art. 28(3) -->
    <t:article id="art-instructions">
      <xsl:call-template name="title"><xsl:with-param name="id" select="'dpa.art.instructions'"/></xsl:call-template>
      <xsl:call-template name="cl"><xsl:with-param name="id" select="'dpa.instructions.1'"/></xsl:call-template>
      <xsl:call-template name="cl"><xsl:with-param name="id" select="'dpa.instructions.2'"/></xsl:call-template>
      <xsl:call-template name="cl"><xsl:with-param name="id" select="'dpa.instructions.infringe'"/></xsl:call-template>
      <xsl:if test="not($C)">
        <xsl:call-template name="cl"><xsl:with-param name="id" select="'dpa.instructions.care'"/></xsl:call-template>
      </xsl:if>
    </t:article>

    <!-- art. 28(3)(b) -->
    <t:article id="art-confidentiality">
      <xsl:call-template name="title"><xsl:with-param name="id" select="'dpa.art.confidentiality'"/></xsl:call-template>
      <xsl:call-template name="cl"><xsl:with-param name="id" select="'dpa.confidentiality.1'"/></xsl:call-template>
      <xsl:call-template name="cl"><xsl:with-param name="id" select="'dpa.confidentiality.2'"/></xsl:call-template>
      <xsl:call-template name="cl"><xsl:with-param name="id" select="'dpa.confidentiality.3'"/></xsl:call-template>
    </t:article>

    <!-- art. 28(3)(c), art. 32 -->
    <t:article id="art-security">
      <xsl:call-template name="title"><xsl:with-param name="id" select="'dpa.art.security'"/></xsl:call-template>
      <t:clause>
        <xsl:call-template name="s"><xsl:with-param name="id" select="'dpa.security.1'"/></xsl:call-template>
        <d:ol type="a">
          <xsl:call-template name="items">
            <xsl:with-param name="ids" select="'dpa.security.1.a dpa.security.1.b dpa.security.1.c dpa.security.1.d dpa.security.1.e dpa.security.1.f'"/>
          </xsl:call-template>
        </d:ol>
      </t:clause>
      <xsl:call-template name="cl"><xsl:with-param name="id" select="concat('dpa.security.2.', $mode)"/></xsl:call-template>
      <xsl:call-template name="cl"><xsl:with-param name="id" select="'dpa.security.3'"/></xsl:call-template>
    </t:article>

    <!-- art. 28(2), 28(3)(d), 28(4) -->
    <t:article id="art-subprocessors">
      <xsl:call-template name="title"><xsl:with-param name="id" select="'dpa.art.subprocessors'"/></xsl:call-template>
      <xsl:choose>
        <xsl:when test="$subs = 'general'">
          <xsl:call-template name="cl"><xsl:with-param name="id" select="'dpa.subprocessors.general.1'"/></xsl:call-template>
          <xsl:call-template name="cl">
            <xsl:with-param name="id" select="'dpa.subprocessors.general.2'"/>
            <xsl:with-param name="a1" select="$notice-days"/>
          </xsl:call-template>
          <xsl:call-template name="cl"><xsl:with-param name="id" select="'dpa.subprocessors.general.3'"/></xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="cl"><xsl:with-param name="id" select="'dpa.subprocessors.specific.1'"/></xsl:call-template>
          <xsl:call-template name="cl"><xsl:with-param name="id" select="'dpa.subprocessors.specific.2'"/></xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:call-template name="cl"><xsl:with-param name="id" select="'dpa.subprocessors.same-obligations'"/></xsl:call-template>
      <xsl:call-template name="cl"><xsl:with-param name="id" select="'dpa.subprocessors.liable'"/></xsl:call-template>
      <xsl:if test="not($C) and $P/p:dossier/p:cover[@allowed = 'yes']">
        <xsl:call-template name="cl"><xsl:with-param name="id" select="'dpa.subprocessors.cover'"/></xsl:call-template>
        <xsl:if test="$P/p:dossier/p:cover/@client-notified = 'yes'">
          <xsl:call-template name="cl"><xsl:with-param name="id" select="'dpa.subprocessors.cover-notified'"/></xsl:call-template>
        </xsl:if>
      </xsl:if>
    </t:article>

    <!-- chapter V and art. 28(3)(a): transfers -->
    <t:article id="art-transfers">
      <xsl:call-template name="title"><xsl:with-param name="id" select="'dpa.art.transfers'"/></xsl:call-template>
      <xsl:call-template name="cl"><xsl:with-param name="id" select="concat('dpa.transfers.', $outside-eea)"/></xsl:call-template>
      <xsl:choose>
        <xsl:when test="$transfers">
          <xsl:call-template name="cl"><xsl:with-param name="id" select="'dpa.transfers.listed'"/></xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="cl"><xsl:with-param name="id" select="'dpa.transfers.none'"/></xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:if test="$transfers[not(@safeguard) or @safeguard = 'none']">
        <xsl:call-template name="cl"><xsl:with-param name="id" select="'dpa.transfers.unsafe'"/></xsl:call-template>
      </xsl:if>
    </t:article>

    <!-- art. 28(3)(e) -->
    <t:article id="art-rights">
      <xsl:call-template name="title"><xsl:with-param name="id" select="'dpa.art.rights'"/></xsl:call-template>
      <xsl:call-template name="cl"><xsl:with-param name="id" select="'dpa.rights.1'"/></xsl:call-template>
      <xsl:call-template name="cl"><xsl:with-param name="id" select="'dpa.rights.2'"/></xsl:call-template>
      <xsl:if test="not($C)">
        <xsl:call-template name="cl"><xsl:with-param name="id" select="'dpa.rights.wgbo'"/></xsl:call-template>
      </xsl:if>
    </t:article>

    <!-- art. 28(3)(f), art. 33-34 -->
    <t:article id="art-breach">
      <xsl:call-template name="title"><xsl:with-param name="id" select="'dpa.art.breach'"/></xsl:call-template>
      <t:clause>
        <xsl:call-template name="s">
          <xsl:with-param name="id" select="'dpa.breach.1'"/>
          <xsl:with-param name="a1" select="$breach-hours"/>
        </xsl:call-template>
        <d:ol type="a">
          <xsl:call-template name="items">
            <xsl:with-param name="ids" select="'dpa.breach.1.a dpa.breach.1.b dpa.breach.1.c dpa.breach.1.d dpa.breach.1.e'"/>
          </xsl:call-template>
        </d:ol>
      </t:clause>
      <xsl:call-template name="cl"><xsl:with-param name="id" select="'dpa.breach.2'"/></xsl:call-template>
      <xsl:call-template name="cl"><xsl:with-param name="id" select="'dpa.breach.3'"/></xsl:call-template>
      <xsl:call-template name="cl"><xsl:with-param name="id" select="concat('dpa.breach.4.', $mode)"/></xsl:call-template>
    </t:article>

    <!-- art. 28(3)(f), art. 32-36 -->
    <t:article id="art-assistance">
      <xsl:call-template name="title"><xsl:with-param name="id" select="'dpa.art.assistance'"/></xsl:call-template>
      <xsl:call-template name="cl"><xsl:with-param name="id" select="'dpa.assistance.1'"/></xsl:call-template>
      <xsl:call-template name="cl"><xsl:with-param name="id" select="'dpa.assistance.2'"/></xsl:call-template>
    </t:article>

    <!-- art. 28(3)(h) -->
    <t:article id="art-audits">
      <xsl:call-template name="title"><xsl:with-param name="id" select="'dpa.art.audits'"/></xsl:call-template>
      <xsl:call-template name="cl"><xsl:with-param name="id" select="'dpa.audits.1'"/></xsl:call-template>
      <xsl:call-template name="cl"><xsl:with-param name="id" select="'dpa.audits.2'"/></xsl:call-template>
      <xsl:call-template name="cl"><xsl:with-param name="id" select="'dpa.audits.3'"/></xsl:call-template>
    </t:article>

    <!-- art. 28(3)(g) -->
    <t:article id="art-end">
      <xsl:call-template name="title"><xsl:with-param name="id" select="'dpa.art.end'"/></xsl:call-template>
      <xsl:call-template name="cl"><xsl:with-param name="id" select="'dpa.end.1'"/></xsl:call-template>
      <xsl:call-template name="cl"><xsl:with-param name="id" select="concat('dpa.end.2.', $end)"/></xsl:call-template>
      <xsl:call-template name="cl"><xsl:with-param name="id" select="'dpa.end.3'"/></xsl:call-template>
      <xsl:if test="not($C) or $rules[@applies-to = 'dossier']">
        <xsl:call-template name="cl"><xsl:with-param name="id" select="'dpa.end.wgbo'"/></xsl:call-template>
      </xsl:if>
      <xsl:call-template name="cl"><xsl:with-param name="id" select="'dpa.end.impossible'"/></xsl:call-template>
    </t:article>

    <t:article id="art-liability">
      <xsl:call-template name="title"><xsl:with-param name="id" select="'dpa.art.liability'"/></xsl:call-template>
      <xsl:call-template name="cl"><xsl:with-param name="id" select="'dpa.liability.1'"/></xsl:call-template>
      <xsl:choose>
        <xsl:when test="not($C)">
          <xsl:call-template name="cl"><xsl:with-param name="id" select="'dpa.liability.wgbo'"/></xsl:call-template>
        </xsl:when>
        <xsl:when test="$A/@liability-cap-cents">
          <xsl:call-template name="cl">
            <xsl:with-param name="id" select="'dpa.liability.cap'"/>
            <xsl:with-param name="a1"><xsl:call-template name="money"><xsl:with-param name="cents" select="$A/@liability-cap-cents"/></xsl:call-template></xsl:with-param>
          </xsl:call-template>
        </xsl:when>
      </xsl:choose>
      <xsl:call-template name="cl"><xsl:with-param name="id" select="'dpa.liability.fines'"/></xsl:call-template>
    </t:article>

    <t:article id="art-costs">
      <xsl:call-template name="title"><xsl:with-param name="id" select="'dpa.art.costs'"/></xsl:call-template>
      <xsl:call-template name="cl"><xsl:with-param name="id" select="concat('dpa.costs.1.', $mode)"/></xsl:call-template>
      <xsl:call-template name="cl"><xsl:with-param name="id" select="concat('dpa.costs.2.', $mode)"/></xsl:call-template>
    </t:article>

    <t:article id="art-duration">
      <xsl:call-template name="title"><xsl:with-param name="id" select="'dpa.art.duration'"/></xsl:call-template>
      <xsl:call-template name="cl"><xsl:with-param name="id" select="concat('dpa.duration.1.', $duration)"/></xsl:call-template>
      <xsl:call-template name="cl"><xsl:with-param name="id" select="'dpa.duration.2'"/></xsl:call-template>
      <xsl:call-template name="cl"><xsl:with-param name="id" select="'dpa.duration.3'"/></xsl:call-template>
      <xsl:call-template name="cl"><xsl:with-param name="id" select="'dpa.duration.4'"/></xsl:call-template>
    </t:article>

    <t:article id="art-law">
      <xsl:call-template name="title"><xsl:with-param name="id" select="'dpa.art.law'"/></xsl:call-template>
      <xsl:call-template name="cl">
        <xsl:with-param name="id" select="'dpa.law.1'"/>
        <xsl:with-param name="a1">
          <xsl:choose>
            <xsl:when test="zd:entry($L, concat('dpa.law.name.', $law))">
              <xsl:call-template name="s"><xsl:with-param name="id" select="concat('dpa.law.name.', $law)"/></xsl:call-template>
            </xsl:when>
            <xsl:otherwise>
              <xsl:call-template name="s">
                <xsl:with-param name="id" select="'dpa.law.name.other'"/>
                <xsl:with-param name="a1"><xsl:call-template name="country"><xsl:with-param name="code" select="$law"/><xsl:with-param name="sentence" select="'yes'"/></xsl:call-template></xsl:with-param>
              </xsl:call-template>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="cl"><xsl:with-param name="id" select="'dpa.law.2'"/></xsl:call-template>
      <xsl:if test="not($C) and $I/p:complaints/p:body">
        <xsl:call-template name="cl">
          <xsl:with-param name="id" select="'dpa.law.complaints'"/>
          <xsl:with-param name="a1"><xsl:call-template name="join"><xsl:with-param name="items" select="$I/p:complaints/p:body/p:name"/></xsl:call-template></xsl:with-param>
        </xsl:call-template>
      </xsl:if>
      <xsl:call-template name="cl">
        <xsl:with-param name="id" select="concat('dpa.law.court.', $mode)"/>
        <xsl:with-param name="a1" select="normalize-space($I/p:address/p:city)"/>
      </xsl:call-template>
      <xsl:call-template name="cl"><xsl:with-param name="id" select="'dpa.law.severability'"/></xsl:call-template>
      <xsl:call-template name="cl"><xsl:with-param name="id" select="'dpa.law.parts'"/></xsl:call-template>
    </t:article>
  </xsl:template>

  <xsl:template name="def">
    <xsl:param name="k"/>
    <d:dt><xsl:call-template name="s"><xsl:with-param name="id" select="concat('dpa.def.', $k)"/></xsl:call-template></d:dt>
    <d:dd><xsl:call-template name="s"><xsl:with-param name="id" select="concat('dpa.def.', $k, '.text')"/></xsl:call-template></d:dd>
  </xsl:template>

  <!-- ======================================================== signatures -->

  <xsl:template name="signatures">
    <d:section id="signatures">
      <xsl:call-template name="title"><xsl:with-param name="id" select="'dpa.sign.title'"/></xsl:call-template>
      <d:p><xsl:call-template name="s"><xsl:with-param name="id" select="'dpa.sign.intro'"/></xsl:call-template></d:p>
      <d:signatures>
        <xsl:choose>
          <xsl:when test="$C">
            <xsl:call-template name="sign-practice"/>
            <xsl:call-template name="sign-other"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="sign-other"/>
            <xsl:call-template name="sign-practice"/>
          </xsl:otherwise>
        </xsl:choose>
      </d:signatures>
    </d:section>
  </xsl:template>

  <xsl:template name="sign-field">
    <xsl:param name="k"/>
    <xsl:param name="v" select="''"/>
    <d:field>
      <xsl:attribute name="label"><xsl:call-template name="s"><xsl:with-param name="id" select="concat('dpa.sign.', $k)"/></xsl:call-template></xsl:attribute>
      <xsl:value-of select="$v"/>
    </d:field>
  </xsl:template>

  <xsl:template name="sign-practice">
    <d:party>
      <d:role><xsl:call-template name="s"><xsl:with-param name="id" select="concat('dpa.role.', $mode)"/></xsl:call-template></d:role>
      <xsl:call-template name="sign-field"><xsl:with-param name="k" select="'party'"/><xsl:with-param name="v" select="normalize-space($I/p:name[not(@parties)] | $I/p:name/@parties)"/></xsl:call-template>
      <xsl:call-template name="sign-field"><xsl:with-param name="k" select="'name'"/><xsl:with-param name="v" select="normalize-space($I/p:owner/p:name[not(@parties)] | $I/p:owner/p:name/@parties)"/></xsl:call-template>
      <xsl:call-template name="sign-field"><xsl:with-param name="k" select="'function'"/><xsl:with-param name="v" select="normalize-space($I/p:owner/p:capacity[not(@parties)] | $I/p:owner/p:capacity/@parties)"/></xsl:call-template>
      <xsl:call-template name="sign-field"><xsl:with-param name="k" select="'place'"/><xsl:with-param name="v" select="normalize-space($I/p:address/p:city)"/></xsl:call-template>
      <xsl:call-template name="sign-field"><xsl:with-param name="k" select="'date'"/></xsl:call-template>
      <d:sign><xsl:attribute name="label"><xsl:call-template name="s"><xsl:with-param name="id" select="'dpa.sign.signature'"/></xsl:call-template></xsl:attribute></d:sign>
    </d:party>
  </xsl:template>

  <xsl:template name="sign-other">
    <d:party>
      <d:role>
        <xsl:call-template name="s">
          <xsl:with-param name="id" select="concat('dpa.role.', substring('processorcontroller', 1 + 9 * number(not($C)), 9 + 1 * number(not($C))))"/>
        </xsl:call-template>
      </d:role>
      <xsl:choose>
        <xsl:when test="$C">
          <xsl:call-template name="sign-field"><xsl:with-param name="k" select="'party'"/><xsl:with-param name="v" select="normalize-space($X/p:name[not(@parties)] | $X/p:name/@parties)"/></xsl:call-template>
          <xsl:call-template name="sign-field"><xsl:with-param name="k" select="'name'"/></xsl:call-template>
          <xsl:call-template name="sign-field"><xsl:with-param name="k" select="'function'"/></xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="sign-field"><xsl:with-param name="k" select="'name'"/><xsl:with-param name="v" select="$client-name"/></xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:call-template name="sign-field"><xsl:with-param name="k" select="'place'"/></xsl:call-template>
      <xsl:call-template name="sign-field"><xsl:with-param name="k" select="'date'"/></xsl:call-template>
      <d:sign><xsl:attribute name="label"><xsl:call-template name="s"><xsl:with-param name="id" select="'dpa.sign.signature'"/></xsl:call-template></xsl:attribute></d:sign>
    </d:party>
  </xsl:template>

  <!-- ========================================================= Bijlage 1 -->

  <xsl:template name="annex-1">
    <d:section id="annex-1">
      <xsl:attribute name="label"><xsl:call-template name="s"><xsl:with-param name="id" select="'dpa.annex'"/><xsl:with-param name="a1" select="'1'"/></xsl:call-template></xsl:attribute>
      <xsl:call-template name="title"><xsl:with-param name="id" select="'dpa.annex1.title'"/></xsl:call-template>
      <d:p><xsl:call-template name="s"><xsl:with-param name="id" select="'dpa.annex1.intro'"/></xsl:call-template></d:p>

      <d:section id="annex-1-service">
        <xsl:call-template name="title"><xsl:with-param name="id" select="'dpa.annex1.service'"/></xsl:call-template>
        <xsl:choose>
          <xsl:when test="$C">
            <d:p>
              <d:strong><d:name><xsl:value-of select="normalize-space($X/p:name[not(@parties)] | $X/p:name/@parties)"/></d:name></d:strong>
              <xsl:value-of select="concat(': ', normalize-space($X/p:role[not(@parties)] | $X/p:role/@parties), '. ', normalize-space($X/p:processing[not(@parties)] | $X/p:processing/@parties))"/>
            </d:p>
            <xsl:if test="$X/p:use">
              <d:p><xsl:call-template name="s"><xsl:with-param name="id" select="'dpa.annex1.uses'"/></xsl:call-template></d:p>
              <d:ul>
                <xsl:for-each select="$X/p:use"><d:li><xsl:value-of select="normalize-space(self::*[not(@parties)] | @parties)"/></d:li></xsl:for-each>
              </d:ul>
            </xsl:if>
            <xsl:if test="$X/p:website">
              <d:p>
                <xsl:call-template name="s"><xsl:with-param name="id" select="'dpa.annex1.website'"/></xsl:call-template>
                <xsl:text> </xsl:text>
                <d:link href="{normalize-space($X/p:website)}"><xsl:value-of select="normalize-space($X/p:website)"/></d:link>
              </d:p>
            </xsl:if>
            <xsl:if test="$X/@agreement-date">
              <d:p>
                <xsl:call-template name="s">
                  <xsl:with-param name="id" select="'dpa.annex1.agreement-date'"/>
                  <xsl:with-param name="a1"><xsl:call-template name="date"><xsl:with-param name="iso" select="$X/@agreement-date"/></xsl:call-template></xsl:with-param>
                </xsl:call-template>
              </d:p>
            </xsl:if>
          </xsl:when>
          <xsl:otherwise>
            <d:p>
              <xsl:call-template name="s">
                <xsl:with-param name="id" select="'dpa.annex1.service.processor'"/>
                <xsl:with-param name="a1"><d:name><xsl:value-of select="normalize-space($I/p:name[not(@parties)] | $I/p:name/@parties)"/></d:name></xsl:with-param>
                <xsl:with-param name="a2"><d:name><xsl:value-of select="normalize-space($I/p:owner/p:name[not(@parties)] | $I/p:owner/p:name/@parties)"/></d:name><xsl:value-of select="concat(', ', normalize-space($I/p:owner/p:role[not(@parties)] | $I/p:owner/p:role/@parties))"/></xsl:with-param>
              </xsl:call-template>
            </d:p>
          </xsl:otherwise>
        </xsl:choose>
      </d:section>

      <d:section id="annex-1-purposes">
        <xsl:call-template name="title"><xsl:with-param name="id" select="'dpa.annex1.purposes'"/></xsl:call-template>
        <xsl:if test="not($purposes)">
          <d:p>
            <xsl:call-template name="s">
              <xsl:with-param name="id" select="'dpa.annex1.purposes.service'"/>
              <xsl:with-param name="a1" select="normalize-space($X/p:processing[not(@parties)] | $X/p:processing/@parties)"/>
            </xsl:call-template>
          </d:p>
        </xsl:if>
        <xsl:if test="$purposes">
          <d:ul>
            <xsl:for-each select="$purposes">
              <d:li>
                <d:strong><xsl:value-of select="normalize-space(p:name[not(@parties)] | p:name/@parties)"/></d:strong>
                <xsl:if test="p:description">
                  <xsl:value-of select="concat('. ', normalize-space(p:description[not(@parties)] | p:description/@parties))"/>
                </xsl:if>
              </d:li>
            </xsl:for-each>
          </d:ul>
        </xsl:if>
      </d:section>

      <d:section id="annex-1-subjects">
        <xsl:call-template name="title"><xsl:with-param name="id" select="'dpa.annex1.subjects'"/></xsl:call-template>
        <d:ul>
          <xsl:for-each select="$groups"><d:li><xsl:value-of select="normalize-space(p:name[not(@parties)] | p:name/@parties)"/></d:li></xsl:for-each>
        </d:ul>
      </d:section>

      <d:section id="annex-1-data">
        <xsl:call-template name="title"><xsl:with-param name="id" select="'dpa.annex1.data'"/></xsl:call-template>
        <d:table rules="rows">
          <d:col width="3*"/><d:col width="1*"/>
          <d:thead>
            <d:row>
              <d:cell><xsl:call-template name="s"><xsl:with-param name="id" select="'dpa.annex1.data.col.data'"/></xsl:call-template></d:cell>
              <d:cell><xsl:call-template name="s"><xsl:with-param name="id" select="'dpa.annex1.data.col.subjects'"/></xsl:call-template></d:cell>
            </d:row>
          </d:thead>
          <d:tbody>
            <xsl:for-each select="$cats">
              <d:row>
                <d:cell>
                  <xsl:value-of select="normalize-space(p:name[not(@parties)] | p:name/@parties)"/>
                  <xsl:call-template name="proc-category-marks"/>
                  <xsl:if test="p:description"><xsl:value-of select="concat('. ', normalize-space(p:description[not(@parties)] | p:description/@parties))"/></xsl:if>
                </d:cell>
                <d:cell><xsl:value-of select="normalize-space(../p:name[not(@parties)] | ../p:name/@parties)"/></d:cell>
              </d:row>
            </xsl:for-each>
          </d:tbody>
        </d:table>
      </d:section>

      <d:section id="annex-1-retention">
        <xsl:call-template name="title"><xsl:with-param name="id" select="'dpa.annex1.retention'"/></xsl:call-template>
        <xsl:choose>
          <xsl:when test="$rules">
            <d:table rules="rows">
              <d:col width="2*"/><d:col width="3*"/>
              <d:thead>
                <d:row>
                  <d:cell><xsl:call-template name="s"><xsl:with-param name="id" select="'dpa.annex1.retention.col.what'"/></xsl:call-template></d:cell>
                  <d:cell><xsl:call-template name="s"><xsl:with-param name="id" select="'dpa.annex1.retention.col.term'"/></xsl:call-template></d:cell>
                </d:row>
              </d:thead>
              <d:tbody>
                <xsl:call-template name="proc-retention-rows"><xsl:with-param name="rules" select="$rules"/></xsl:call-template>
              </d:tbody>
            </d:table>
          </xsl:when>
          <xsl:otherwise>
            <d:p><xsl:call-template name="s"><xsl:with-param name="id" select="'dpa.annex1.retention.none'"/></xsl:call-template></d:p>
          </xsl:otherwise>
        </xsl:choose>
        <d:p><xsl:call-template name="s"><xsl:with-param name="id" select="'dpa.annex1.retention.after'"/></xsl:call-template></d:p>
      </d:section>

      <d:section id="annex-1-subprocessors">
        <xsl:call-template name="title"><xsl:with-param name="id" select="'dpa.annex1.subprocessors'"/></xsl:call-template>
        <xsl:choose>
          <xsl:when test="$subprocessors">
            <d:p>
              <xsl:call-template name="s">
                <xsl:with-param name="id" select="concat('dpa.annex1.subprocessors.intro.', $subs)"/>
              </xsl:call-template>
            </d:p>
            <d:table rules="rows">
              <d:col width="2*"/><d:col width="3*"/><d:col width="2*"/>
              <d:thead>
                <d:row>
                  <d:cell><xsl:call-template name="s"><xsl:with-param name="id" select="'dpa.annex1.sub.col.name'"/></xsl:call-template></d:cell>
                  <d:cell><xsl:call-template name="s"><xsl:with-param name="id" select="'dpa.annex1.sub.col.what'"/></xsl:call-template></d:cell>
                  <d:cell><xsl:call-template name="s"><xsl:with-param name="id" select="'dpa.annex1.sub.col.where'"/></xsl:call-template></d:cell>
                </d:row>
              </d:thead>
              <d:tbody>
                <xsl:for-each select="$subprocessors">
                  <d:row>
                    <d:cell><d:name><xsl:value-of select="normalize-space(p:name[not(@parties)] | p:name/@parties)"/></d:name></d:cell>
                    <d:cell>
                      <xsl:value-of select="normalize-space(p:role[not(@parties)] | p:role/@parties)"/>
                      <xsl:if test="p:processing">
                        <xsl:value-of select="concat(': ', normalize-space(p:processing[not(@parties)] | p:processing/@parties))"/>
                      </xsl:if>
                      <xsl:if test="p:sub-processor">
                        <xsl:text> </xsl:text>
                        <xsl:call-template name="s">
                          <xsl:with-param name="id" select="'dpa.annex1.sub.own-subs'"/>
                          <xsl:with-param name="a1">
                            <xsl:for-each select="p:sub-processor">
                              <xsl:if test="position() &gt; 1">; </xsl:if>
                              <xsl:value-of select="normalize-space(p:name[not(@parties)] | p:name/@parties)"/>
                              <xsl:if test="p:location">
                                <xsl:text> (</xsl:text>
                                <xsl:call-template name="proc-location"/>
                                <xsl:text>)</xsl:text>
                              </xsl:if>
                            </xsl:for-each>
                          </xsl:with-param>
                        </xsl:call-template>
                      </xsl:if>
                    </d:cell>
                    <d:cell><xsl:call-template name="proc-location"/></d:cell>
                  </d:row>
                </xsl:for-each>
              </d:tbody>
            </d:table>
          </xsl:when>
          <xsl:otherwise>
            <d:p><xsl:call-template name="s"><xsl:with-param name="id" select="'dpa.annex1.subprocessors.none'"/></xsl:call-template></d:p>
          </xsl:otherwise>
        </xsl:choose>
      </d:section>

      <d:section id="annex-1-transfers">
        <xsl:call-template name="title"><xsl:with-param name="id" select="'dpa.annex1.transfers'"/></xsl:call-template>
        <xsl:choose>
          <xsl:when test="$transfers">
            <d:ul>
              <xsl:for-each select="$transfers">
                <d:li>
                  <xsl:value-of select="concat(normalize-space(../p:name[not(@parties)] | ../p:name/@parties), ': ')"/>
                  <xsl:call-template name="proc-location"><xsl:with-param name="loc" select="."/></xsl:call-template>
                </d:li>
              </xsl:for-each>
            </d:ul>
          </xsl:when>
          <xsl:otherwise>
            <d:p><xsl:call-template name="s"><xsl:with-param name="id" select="'dpa.annex1.transfers.none'"/></xsl:call-template></d:p>
          </xsl:otherwise>
        </xsl:choose>
      </d:section>

      <xsl:if test="not($C)">
        <xsl:call-template name="annex-1-care"/>
      </xsl:if>

      <d:section id="annex-1-contacts">
        <xsl:call-template name="title"><xsl:with-param name="id" select="'dpa.annex1.contacts'"/></xsl:call-template>
        <d:p><xsl:call-template name="s"><xsl:with-param name="id" select="'dpa.annex1.contacts.intro'"/></xsl:call-template></d:p>
        <d:fields>
          <d:field>
            <xsl:attribute name="label"><xsl:call-template name="s"><xsl:with-param name="id" select="concat('dpa.role.', $mode)"/></xsl:call-template></xsl:attribute>
            <xsl:value-of select="normalize-space($I/p:owner/p:name[not(@parties)] | $I/p:owner/p:name/@parties)"/>
            <xsl:for-each select="$I/p:contact/p:email | $I/p:contact/p:phone">
              <xsl:value-of select="concat(', ', normalize-space(.))"/>
            </xsl:for-each>
          </d:field>
          <xsl:if test="$I/p:dpo">
            <d:field>
              <xsl:attribute name="label"><xsl:call-template name="s"><xsl:with-param name="id" select="'dpa.annex1.contacts.dpo'"/></xsl:call-template></xsl:attribute>
              <xsl:value-of select="concat(normalize-space($I/p:dpo/p:name), ', ', normalize-space($I/p:dpo/p:email))"/>
            </d:field>
          </xsl:if>
          <d:field>
            <xsl:attribute name="label">
              <xsl:call-template name="s">
                <xsl:with-param name="id" select="concat('dpa.role.', substring('processorcontroller', 1 + 9 * number(not($C)), 9 + 1 * number(not($C))))"/>
              </xsl:call-template>
            </xsl:attribute>
            <xsl:choose>
              <xsl:when test="not($C) and $client-name != ''"><xsl:value-of select="$client-name"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="$blank"/></xsl:otherwise>
            </xsl:choose>
          </d:field>
        </d:fields>
      </d:section>
    </d:section>
  </xsl:template>

  <!-- processor direction: the care context of the dossier (seed BioBalans
       Bijlage 1): laws, professional codes, complaints, access, cover,
       peer review, minors -->
  <xsl:template name="annex-1-care">
    <d:section id="annex-1-care">
      <xsl:call-template name="title"><xsl:with-param name="id" select="'dpa.annex1.care'"/></xsl:call-template>
      <xsl:variable name="codes" select="$I/p:association | $I/p:register"/>
      <d:ul>
        <xsl:if test="$P/p:dossier/p:law">
          <d:li>
            <xsl:call-template name="s">
              <xsl:with-param name="id" select="'dpa.annex1.care.laws'"/>
              <xsl:with-param name="a1"><xsl:call-template name="join"><xsl:with-param name="items" select="$P/p:dossier/p:law"/></xsl:call-template></xsl:with-param>
            </xsl:call-template>
          </d:li>
        </xsl:if>
        <xsl:for-each select="$codes">
          <d:li>
            <xsl:call-template name="s">
              <xsl:with-param name="id" select="concat('dpa.annex1.care.', local-name())"/>
              <xsl:with-param name="a1">
                <xsl:value-of select="normalize-space(p:name[not(@parties)] | p:name/@parties)"/>
                <xsl:if test="p:abbreviation"><xsl:value-of select="concat(' (', normalize-space(p:abbreviation), ')')"/></xsl:if>
              </xsl:with-param>
              <xsl:with-param name="a2" select="normalize-space(p:membership-number | p:number)"/>
            </xsl:call-template>
          </d:li>
        </xsl:for-each>
        <xsl:for-each select="$I/p:complaints/p:body">
          <d:li>
            <xsl:call-template name="s">
              <xsl:with-param name="id" select="concat('dpa.annex1.care.complaints.', @handles)"/>
              <xsl:with-param name="a1" select="normalize-space(p:name[not(@parties)] | p:name/@parties)"/>
            </xsl:call-template>
          </d:li>
        </xsl:for-each>
        <xsl:for-each select="$P/p:dossier/p:access/p:description | $P/p:dossier/p:cover[@allowed = 'yes']/p:description | $P/p:dossier/p:peer-review/p:description | $P/p:dossier/p:other-providers/p:description">
          <d:li><xsl:value-of select="normalize-space(self::*[not(@parties)] | @parties)"/></d:li>
        </xsl:for-each>
        <xsl:if test="$P/p:dossier/p:peer-review[@anonymised = 'yes'] and not($P/p:dossier/p:peer-review/p:description)">
          <d:li><xsl:call-template name="s"><xsl:with-param name="id" select="'dpa.annex1.care.peer-review'"/></xsl:call-template></d:li>
        </xsl:if>
      </d:ul>
      <xsl:if test="$P/p:minors[@treated = 'yes']">
        <xsl:variable name="m" select="$P/p:minors"/>
        <d:p><d:strong><xsl:call-template name="s"><xsl:with-param name="id" select="'dpa.annex1.minors'"/></xsl:call-template></d:strong></d:p>
        <d:ul>
          <xsl:if test="$m/@parental-consent">
            <d:li><xsl:call-template name="s"><xsl:with-param name="id" select="concat('dpa.annex1.minors.consent.', $m/@parental-consent)"/></xsl:call-template></d:li>
          </xsl:if>
          <xsl:if test="$m/@own-consent-from">
            <d:li>
              <xsl:call-template name="s">
                <xsl:with-param name="id" select="'dpa.annex1.minors.own'"/>
                <xsl:with-param name="a1" select="$m/@own-consent-from"/>
              </xsl:call-template>
            </d:li>
          </xsl:if>
          <xsl:if test="$m/p:description">
            <d:li><xsl:value-of select="normalize-space($m/p:description[not(@parties)] | $m/p:description/@parties)"/></d:li>
          </xsl:if>
          <d:li><xsl:call-template name="s"><xsl:with-param name="id" select="'dpa.annex1.minors.retention'"/></xsl:call-template></d:li>
        </d:ul>
      </xsl:if>
    </d:section>
  </xsl:template>

  <!-- ========================================================= Bijlage 2 -->

  <xsl:template name="annex-2">
    <d:section id="annex-2">
      <xsl:attribute name="label"><xsl:call-template name="s"><xsl:with-param name="id" select="'dpa.annex'"/><xsl:with-param name="a1" select="'2'"/></xsl:call-template></xsl:attribute>
      <xsl:call-template name="title"><xsl:with-param name="id" select="'dpa.annex2.title'"/></xsl:call-template>
      <xsl:if test="$C">
        <d:section id="annex-2-minimum">
          <xsl:call-template name="title"><xsl:with-param name="id" select="'dpa.annex2.minimum'"/></xsl:call-template>
          <d:p><xsl:call-template name="s"><xsl:with-param name="id" select="'dpa.annex2.minimum.intro'"/></xsl:call-template></d:p>
          <d:ul>
            <xsl:call-template name="items">
              <xsl:with-param name="ids" select="'dpa.annex2.min.access dpa.annex2.min.accounts dpa.annex2.min.logging dpa.annex2.min.crypto dpa.annex2.min.backup dpa.annex2.min.updates dpa.annex2.min.staff dpa.annex2.min.test'"/>
            </xsl:call-template>
          </d:ul>
          <d:p><xsl:call-template name="s"><xsl:with-param name="id" select="'dpa.annex2.minimum.own'"/></xsl:call-template></d:p>
        </d:section>
      </xsl:if>
      <d:section id="annex-2-measures">
        <xsl:call-template name="title"><xsl:with-param name="id" select="concat('dpa.annex2.measures.', $mode)"/></xsl:call-template>
        <d:p>
          <xsl:call-template name="s">
            <xsl:with-param name="id" select="concat('dpa.annex2.measures.intro.', $mode)"/>
            <xsl:with-param name="a1" select="normalize-space($I/p:name[not(@parties)] | $I/p:name/@parties)"/>
          </xsl:call-template>
        </d:p>
        <xsl:call-template name="measure-group"><xsl:with-param name="kind" select="'technical'"/></xsl:call-template>
        <xsl:call-template name="measure-group"><xsl:with-param name="kind" select="'organisational'"/></xsl:call-template>
        <xsl:call-template name="measure-group"><xsl:with-param name="kind" select="''"/></xsl:call-template>
      </d:section>
      <xsl:variable name="channels" select="$P/p:communication/p:channel[not($C) or @processor = $processor]"/>
      <xsl:if test="$channels">
        <d:section id="annex-2-communication">
          <xsl:call-template name="title"><xsl:with-param name="id" select="'dpa.annex2.communication'"/></xsl:call-template>
          <d:ul>
            <xsl:for-each select="$channels">
              <d:li><d:strong><xsl:value-of select="normalize-space(p:name[not(@parties)] | p:name/@parties)"/></d:strong><xsl:value-of select="concat(': ', normalize-space(p:security[not(@parties)] | p:security/@parties))"/></d:li>
            </xsl:for-each>
          </d:ul>
        </d:section>
      </xsl:if>
      <d:section id="annex-2-breach">
        <xsl:call-template name="title"><xsl:with-param name="id" select="'dpa.annex2.breach'"/></xsl:call-template>
        <d:ol>
          <d:li>
            <xsl:call-template name="s">
              <xsl:with-param name="id" select="concat('dpa.annex2.breach.report.', $mode)"/>
              <xsl:with-param name="a1" select="$breach-hours"/>
            </xsl:call-template>
          </d:li>
          <xsl:call-template name="items">
            <xsl:with-param name="ids" select="'dpa.annex2.breach.contain dpa.annex2.breach.register dpa.annex2.breach.ap dpa.annex2.breach.subjects dpa.annex2.breach.evaluate'"/>
          </xsl:call-template>
        </d:ol>
      </d:section>
    </d:section>
  </xsl:template>

  <xsl:template name="measure-group">
    <xsl:param name="kind"/>
    <xsl:variable name="ms" select="$P/p:security/p:measure[string(@kind) = $kind]"/>
    <xsl:if test="$ms">
      <d:p>
        <d:strong>
          <xsl:call-template name="s"><xsl:with-param name="id" select="concat('dpa.annex2.kind.', substring('other', 1, 5 * number($kind = '')), $kind)"/></xsl:call-template>
        </d:strong>
      </d:p>
      <d:ul>
        <xsl:for-each select="$ms"><d:li><xsl:value-of select="normalize-space(self::*[not(@parties)] | @parties)"/></d:li></xsl:for-each>
      </d:ul>
    </xsl:if>
  </xsl:template>

  <!-- ================================================= pass 2: numbering -->

  <xsl:template match="t:article" mode="number">
    <xsl:variable name="n" select="count(preceding-sibling::t:article) + 1"/>
    <d:section id="{@id}">
      <xsl:attribute name="label">
        <xsl:call-template name="s"><xsl:with-param name="id" select="'dpa.article'"/><xsl:with-param name="a1" select="$n"/></xsl:call-template>
      </xsl:attribute>
      <xsl:copy-of select="d:title"/>
      <xsl:for-each select="t:clause">
        <d:p id="{concat(../@id, '-', position())}">
          <xsl:value-of select="concat($n, '.', position(), ' ')"/>
          <xsl:apply-templates select="node()[not(self::d:ul or self::d:ol or self::d:dl)]" mode="number"/>
        </d:p>
        <xsl:apply-templates select="d:ul | d:ol | d:dl" mode="number"/>
      </xsl:for-each>
    </d:section>
  </xsl:template>

  <!-- a d:ref to an article: rewritten as "artikel N" (lower case in a
       sentence) with the link kept -->
  <xsl:template match="d:ref" mode="number">
    <xsl:variable name="to" select="@to"/>
    <xsl:variable name="target" select="/descendant::t:article[@id = $to]"/>
    <d:ref to="{$to}">
      <xsl:if test="$target">
        <xsl:call-template name="s">
          <xsl:with-param name="id" select="'dpa.article-ref'"/>
          <xsl:with-param name="a1" select="count($target/preceding-sibling::t:article) + 1"/>
        </xsl:call-template>
      </xsl:if>
    </d:ref>
  </xsl:template>

  <xsl:template match="d:*" mode="number">
    <xsl:copy>
      <xsl:copy-of select="@*"/>
      <xsl:apply-templates mode="number"/>
    </xsl:copy>
  </xsl:template>

  <xsl:template match="text()" mode="number">
    <xsl:value-of select="."/>
  </xsl:template>
</xsl:stylesheet>
