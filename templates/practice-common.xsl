<?xml version="1.0" encoding="UTF-8"?>
<!-- practice-common.xsl — parts every document made from the practice model
     needs (privacy statement, processor agreement, register): the form of
     address from policy/@address, the letterhead, running header and footer
     with "pagina x van y", the document metadata, the practice's own
     passages as document blocks, paragraphs that a passage may replace,
     durations, countries and legal grounds in words.

     Use it with <xsl:import href="practice-common.xsl"/> (it imports
     common.xsl, so str, date, money and join come along). In: the practice
     model (urn:zorgdoc:practice:1). Out: fragments of the document
     vocabulary (urn:zorgdoc:doc:1).

     Overrides by the practice (<passages><passage id="…">):
       - a passage whose id is a section id of the document replaces that
         section's content (its title too, when the passage has one);
       - a passage whose id is a string id used through `para` replaces that
         one paragraph (e.g. "privacy.changes.announce");
       - recipient/@passage names a passage told with that recipient.
     The first two apply only when the output language is the practice's
     own (practice/@lang). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:zd="urn:zorgdoc:xslt:1"
    xmlns="urn:zorgdoc:doc:1"
    xmlns:p="urn:zorgdoc:practice:1"
    xmlns:l="urn:zorgdoc:locale:1"
    exclude-result-prefixes="p l zd">

  <xsl:import href="common.xsl"/>

  <!-- the practice's form of address wins over common.xsl's parameter -->
  <xsl:variable name="address">
    <xsl:choose>
      <xsl:when test="/p:practice/p:policy/@address = 'je'">je</xsl:when>
      <xsl:otherwise>u</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <xsl:variable name="P" select="/p:practice"/>
  <xsl:variable name="ID" select="/p:practice/p:identity"/>
  <xsl:variable name="passages" select="/p:practice/p:passages/p:passage"/>
  <!-- Passages replace template text only in the practice's own language
       (practice/@lang, default nl): an English statement keeps the English
       template text. Story passages (recipient/@passage) are always told. -->
  <xsl:variable name="overrides" select="$passages[$locale = string(/p:practice/@lang) or (not(/p:practice/@lang) and $locale = 'nl')]"/>

  <!-- Markers for <page/> and <pages/> inside a localised string. -->
  <xsl:variable name="PAGE" select="'&#xE001;'"/>
  <xsl:variable name="PAGES" select="'&#xE002;'"/>

  <!-- ===== metadata, style, letterhead, header, footer ===== -->

  <!-- <meta>, <style>, <letterhead>, <header>, <footer> for a document with
       the given title (a localised string). The parts are templates of
       their own (pc-style, pc-letterhead, pc-header) for documents with
       other metadata and footer (client-export.xsl). -->
  <xsl:template name="pc-frame">
    <xsl:param name="title"/>
    <xsl:param name="subject" select="''"/>
    <xsl:param name="keywords" select="''"/>
    <meta>
      <title><xsl:value-of select="$title"/></title>
      <xsl:if test="$subject != ''"><subject><xsl:value-of select="$subject"/></subject></xsl:if>
      <author><xsl:value-of select="normalize-space($ID/p:name)"/></author>
      <xsl:if test="$keywords != ''"><keywords><xsl:value-of select="$keywords"/></keywords></xsl:if>
      <language><xsl:value-of select="$locale"/></language>
      <version><xsl:value-of select="$P/p:policy/@version"/></version>
      <date><xsl:value-of select="$P/p:policy/@effective"/></date>
    </meta>
    <xsl:call-template name="pc-style"/>
    <xsl:call-template name="pc-letterhead"/>
    <xsl:call-template name="pc-header"><xsl:with-param name="title" select="$title"/></xsl:call-template>
    <footer first="yes">
      <left>
        <xsl:call-template name="str">
          <xsl:with-param name="id" select="'privacy.footer'"/>
          <xsl:with-param name="a1" select="$title"/>
          <xsl:with-param name="a2" select="normalize-space($P/p:policy/@version)"/>
          <xsl:with-param name="a3">
            <xsl:call-template name="date"><xsl:with-param name="iso" select="$P/p:policy/@effective"/></xsl:call-template>
          </xsl:with-param>
        </xsl:call-template>
      </left>
      <right>
        <xsl:call-template name="pc-page-of"/>
      </right>
    </footer>
  </xsl:template>

  <!-- <style>: the practice's typeface and brand colour (common.xsl). -->
  <xsl:template name="pc-style">
    <xsl:call-template name="brand-style">
      <xsl:with-param name="font" select="$ID/p:branding/@font"/>
      <xsl:with-param name="colour" select="$ID/p:branding/p:colour"/>
    </xsl:call-template>
  </xsl:template>

  <!-- <letterhead>: name, address, e-mail and phone, website, KvK and
       AGB, logo. -->
  <xsl:template name="pc-letterhead">
    <letterhead>
      <name><xsl:value-of select="normalize-space($ID/p:name)"/></name>
      <line><xsl:call-template name="pc-address-line"/></line>
      <xsl:if test="$ID/p:contact/p:email or $ID/p:contact/p:phone">
        <line>
          <xsl:if test="$ID/p:contact/p:email">
            <xsl:call-template name="pc-email-link"/>
          </xsl:if>
          <xsl:if test="$ID/p:contact/p:email and $ID/p:contact/p:phone"> · </xsl:if>
          <xsl:if test="$ID/p:contact/p:phone">
            <nobr><xsl:value-of select="normalize-space($ID/p:contact/p:phone)"/></nobr>
          </xsl:if>
        </line>
      </xsl:if>
      <xsl:if test="$ID/p:contact/p:website">
        <line><xsl:call-template name="pc-website-link"/></line>
      </xsl:if>
      <xsl:variable name="codes">
        <xsl:if test="$ID/p:kvk">
          <xsl:call-template name="str"><xsl:with-param name="id" select="'privacy.id.kvk-short'"/><xsl:with-param name="a1" select="normalize-space($ID/p:kvk)"/></xsl:call-template>
        </xsl:if>
        <xsl:if test="$ID/p:kvk and $ID/p:agb-practice"> · </xsl:if>
        <xsl:if test="$ID/p:agb-practice">
          <xsl:call-template name="str"><xsl:with-param name="id" select="'privacy.id.agb-short'"/><xsl:with-param name="a1" select="normalize-space($ID/p:agb-practice)"/></xsl:call-template>
        </xsl:if>
      </xsl:variable>
      <xsl:if test="normalize-space($codes) != ''">
        <line><xsl:value-of select="normalize-space($codes)"/></line>
      </xsl:if>
      <xsl:if test="$ID/p:branding/p:logo/@file">
        <logo href="{$ID/p:branding/p:logo/@file}" alt="{normalize-space($ID/p:name)}"/>
      </xsl:if>
    </letterhead>
  </xsl:template>

  <!-- <header> of the pages after the first: practice name, title. -->
  <xsl:template name="pc-header">
    <xsl:param name="title"/>
    <header logo="yes">
      <left><xsl:value-of select="normalize-space($ID/p:name)"/></left>
      <right><xsl:value-of select="$title"/></right>
    </header>
  </xsl:template>

  <!-- "pagina <page/> van <pages/>" from the locale's common.page. -->
  <xsl:template name="pc-page-of">
    <xsl:variable name="s">
      <xsl:call-template name="str">
        <xsl:with-param name="id" select="'common.page'"/>
        <xsl:with-param name="a1" select="$PAGE"/>
        <xsl:with-param name="a2" select="$PAGES"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:value-of select="substring-before($s, $PAGE)"/>
    <page/>
    <xsl:value-of select="substring-before(substring-after($s, $PAGE), $PAGES)"/>
    <pages/>
    <xsl:value-of select="substring-after($s, $PAGES)"/>
  </xsl:template>

  <!-- "Lindelaan 12, 3581 AB Utrecht" -->
  <xsl:template name="pc-address-line">
    <xsl:variable name="a" select="$ID/p:address"/>
    <xsl:variable name="pc" select="normalize-space($a/p:postcode)"/>
    <name>
    <xsl:value-of select="concat(normalize-space($a/p:street), ', ')"/>
    <xsl:call-template name="postcode">
      <xsl:with-param name="pc" select="$pc"/>
      <xsl:with-param name="country" select="$a/p:country"/>
    </xsl:call-template>
    <xsl:value-of select="concat(' ', normalize-space($a/p:city))"/>
    <xsl:if test="$a/p:country and normalize-space($a/p:country) != 'NL'">
      <xsl:text>, </xsl:text>
      <xsl:call-template name="country"><xsl:with-param name="code" select="normalize-space($a/p:country)"/></xsl:call-template>
    </xsl:if>
    </name>
  </xsl:template>

  <xsl:template name="pc-email-link">
    <xsl:variable name="e" select="normalize-space($ID/p:contact/p:email)"/>
    <link href="mailto:{$e}"><xsl:value-of select="$e"/></link>
  </xsl:template>

  <!-- the website as a link, shown without "https://" -->
  <xsl:template name="pc-website-link">
    <xsl:param name="url" select="normalize-space($ID/p:contact/p:website)"/>
    <xsl:variable name="shown">
      <xsl:choose>
        <xsl:when test="starts-with($url, 'https://')"><xsl:value-of select="substring-after($url, 'https://')"/></xsl:when>
        <xsl:when test="starts-with($url, 'http://')"><xsl:value-of select="substring-after($url, 'http://')"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$url"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="href">
      <xsl:choose>
        <xsl:when test="starts-with($url, 'https://') or starts-with($url, 'http://')"><xsl:value-of select="$url"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="concat('https://', $url)"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <link href="{$href}">
      <xsl:choose>
        <xsl:when test="substring($shown, string-length($shown)) = '/'"><xsl:value-of select="substring($shown, 1, string-length($shown) - 1)"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$shown"/></xsl:otherwise>
      </xsl:choose>
    </link>
  </xsl:template>

  <!-- ===== the practice's own passages ===== -->

  <!-- Writes a passage's blocks (not its title) in the document vocabulary. -->
  <xsl:template match="p:passage" mode="pc-blocks">
    <xsl:apply-templates select="p:p | p:list" mode="pc-blocks"/>
  </xsl:template>
  <xsl:template match="p:p" mode="pc-blocks">
    <p><xsl:apply-templates mode="pc-inline"/></p>
  </xsl:template>
  <xsl:template match="p:list" mode="pc-blocks">
    <ul>
      <xsl:for-each select="p:item">
        <li><xsl:apply-templates mode="pc-inline"/></li>
      </xsl:for-each>
    </ul>
  </xsl:template>
  <xsl:template match="text()" mode="pc-inline"><xsl:value-of select="."/></xsl:template>
  <xsl:template match="p:em" mode="pc-inline"><em><xsl:value-of select="."/></em></xsl:template>
  <xsl:template match="p:strong" mode="pc-inline"><strong><xsl:value-of select="."/></strong></xsl:template>
  <xsl:template match="p:link" mode="pc-inline"><link href="{@href}"><xsl:value-of select="."/></link></xsl:template>

  <!-- A paragraph with the string $id, unless the practice has a passage
       with that id: then the passage's blocks. a1..a3 as for str. -->
  <xsl:template name="para">
    <xsl:param name="id"/>
    <xsl:param name="a1" select="''"/>
    <xsl:param name="a2" select="''"/>
    <xsl:param name="a3" select="''"/>
    <xsl:choose>
      <xsl:when test="$overrides[@id = $id]">
        <xsl:apply-templates select="$overrides[@id = $id][1]" mode="pc-blocks"/>
      </xsl:when>
      <xsl:otherwise>
        <p>
          <xsl:call-template name="str">
            <xsl:with-param name="id" select="$id"/>
            <xsl:with-param name="a1" select="$a1"/>
            <xsl:with-param name="a2" select="$a2"/>
            <xsl:with-param name="a3" select="$a3"/>
          </xsl:call-template>
        </p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The string $id, or nothing when the locale has no such string. -->
  <xsl:template name="str-opt">
    <xsl:param name="id"/>
    <xsl:param name="a1" select="''"/>
    <xsl:if test="zd:entry($L, $id)">
      <xsl:call-template name="str">
        <xsl:with-param name="id" select="$id"/>
        <xsl:with-param name="a1" select="$a1"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- ===== words for codes ===== -->

  <!-- "NL" → "Nederland"; an unknown code is written as it is. -->

  <!-- An ISO 8601 duration of one unit (P2Y, P6M, P30D, PT24H, PT30M) or
       "session" in words; anything else is written as it is. -->
  <!-- A cookie's lifetime in words: "session", or an ISO 8601 duration
       P[nY][nM][nW][nD][T[nH][nM][nS]] (check accepts only these) as
       "1 jaar en 6 maanden". A lifetime in seconds alone, as cookie
       scanners give it (PT31536000S), is said in the largest unit that
       states it exactly, else in whole days, hours or minutes. -->
  <xsl:template name="pc-duration">
    <xsl:param name="iso"/>
    <xsl:variable name="t" select="normalize-space($iso)"/>
    <xsl:choose>
      <xsl:when test="$t = 'session'">
        <xsl:call-template name="str"><xsl:with-param name="id" select="'privacy.duration.session'"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="starts-with($t, 'PT') and substring($t, string-length($t)) = 'S' and
                      string(number(substring($t, 3, string-length($t) - 3))) != 'NaN'">
        <xsl:variable name="sec" select="number(substring($t, 3, string-length($t) - 3))"/>
        <xsl:choose>
          <xsl:when test="$sec &gt;= 31536000 and $sec mod 31536000 = 0">
            <xsl:call-template name="pc-duration-part"><xsl:with-param name="n" select="$sec div 31536000"/><xsl:with-param name="key" select="'year'"/></xsl:call-template>
          </xsl:when>
          <xsl:when test="$sec &gt;= 86400">
            <xsl:call-template name="pc-duration-part"><xsl:with-param name="n" select="round($sec div 86400)"/><xsl:with-param name="key" select="'day'"/></xsl:call-template>
          </xsl:when>
          <xsl:when test="$sec &gt;= 3600">
            <xsl:call-template name="pc-duration-part"><xsl:with-param name="n" select="round($sec div 3600)"/><xsl:with-param name="key" select="'hour'"/></xsl:call-template>
          </xsl:when>
          <xsl:when test="$sec &gt;= 60">
            <xsl:call-template name="pc-duration-part"><xsl:with-param name="n" select="round($sec div 60)"/><xsl:with-param name="key" select="'minute'"/></xsl:call-template>
          </xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="pc-duration-part"><xsl:with-param name="n" select="$sec"/><xsl:with-param name="key" select="'second'"/></xsl:call-template>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:when test="starts-with($t, 'P')">
        <xsl:call-template name="pc-duration-parts"><xsl:with-param name="rest" select="substring($t, 2)"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$t"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- the parts of a duration after its P, one by one: "1 jaar", then
       ", " or " en " before the last -->
  <xsl:template name="pc-duration-parts">
    <xsl:param name="rest"/>
    <xsl:param name="time" select="false()"/>
    <xsl:param name="first" select="true()"/>
    <xsl:choose>
      <xsl:when test="$rest = ''"/>
      <xsl:when test="starts-with($rest, 'T')">
        <xsl:call-template name="pc-duration-parts">
          <xsl:with-param name="rest" select="substring($rest, 2)"/>
          <xsl:with-param name="time" select="true()"/>
          <xsl:with-param name="first" select="$first"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="digits" select="string-length($rest) - string-length(translate($rest, '0123456789', ''))"/>
        <!-- the number runs up to the first unit letter -->
        <xsl:variable name="letters" select="translate($rest, '0123456789', '')"/>
        <xsl:variable name="u" select="substring($letters, 1, 1)"/>
        <xsl:variable name="n" select="substring-before($rest, $u)"/>
        <xsl:variable name="after" select="substring-after($rest, $u)"/>
        <xsl:variable name="key">
          <xsl:choose>
            <xsl:when test="$time and $u = 'H'">hour</xsl:when>
            <xsl:when test="$time and $u = 'M'">minute</xsl:when>
            <xsl:when test="$time and $u = 'S'">second</xsl:when>
            <xsl:when test="$u = 'Y'">year</xsl:when>
            <xsl:when test="$u = 'M'">month</xsl:when>
            <xsl:when test="$u = 'W'">week</xsl:when>
            <xsl:when test="$u = 'D'">day</xsl:when>
          </xsl:choose>
        </xsl:variable>
        <xsl:variable name="more" select="translate($after, 'T', '') != ''"/>
        <xsl:if test="not($first)">
          <xsl:choose>
            <xsl:when test="$more">, </xsl:when>
            <xsl:otherwise><xsl:value-of select="concat(' ', $L-and, ' ')"/></xsl:otherwise>
          </xsl:choose>
        </xsl:if>
        <xsl:if test="$digits &gt; 0 and $key != ''">
          <xsl:call-template name="pc-duration-part"><xsl:with-param name="n" select="number($n)"/><xsl:with-param name="key" select="$key"/></xsl:call-template>
        </xsl:if>
        <xsl:call-template name="pc-duration-parts">
          <xsl:with-param name="rest" select="$after"/>
          <xsl:with-param name="time" select="$time or starts-with($after, 'T')"/>
          <xsl:with-param name="first" select="false()"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="pc-duration-part">
    <xsl:param name="n"/>
    <xsl:param name="key"/>
    <xsl:choose>
      <xsl:when test="$n = 1">
        <xsl:call-template name="str"><xsl:with-param name="id" select="concat('privacy.duration.', $key, '.1')"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="str">
          <xsl:with-param name="id" select="concat('privacy.duration.', $key, '.n')"/>
          <xsl:with-param name="a1" select="format-number($n, '0')"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Legal bases in words: art. 6(1) and art. 9(2) GDPR. -->
  <!-- $basis: one or more art. 6 bases, space-separated -->
  <xsl:template name="pc-basis">
    <xsl:param name="basis"/>
    <xsl:call-template name="str-list">
      <xsl:with-param name="list" select="$basis"/>
      <xsl:with-param name="prefix" select="'privacy.basis.'"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template name="pc-art9">
    <xsl:param name="ground"/>
    <xsl:call-template name="str"><xsl:with-param name="id" select="concat('privacy.art9.', $ground)"/></xsl:call-template>
  </xsl:template>

  <!-- The names of the categories whose ids are in the space-separated
       list $refs, in the order of the model, separated by "; ", each with
       its first letter in lower case (for use inside a sentence). -->
  <xsl:template name="pc-category-names">
    <xsl:param name="refs"/>
    <xsl:variable name="r" select="concat(' ', normalize-space($refs), ' ')"/>
    <xsl:for-each select="$P/p:data/p:group/p:category[contains($r, concat(' ', @id, ' '))]">
      <xsl:if test="position() &gt; 1">; </xsl:if>
      <xsl:call-template name="pc-lcfirst"><xsl:with-param name="s" select="normalize-space(p:name)"/></xsl:call-template>
    </xsl:for-each>
  </xsl:template>

  <!-- $s with its first letter in lower case (for names used mid-sentence),
       unless the second character is a capital or digit too (BSN, AGB). -->
  <xsl:template name="pc-lcfirst">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="substring($s, 2, 1) != '' and not(contains('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', substring($s, 2, 1)))">
        <xsl:value-of select="concat(translate(substring($s, 1, 1), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), substring($s, 2))"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
