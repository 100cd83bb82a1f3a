<?xml version="1.0" encoding="UTF-8"?>
<!-- common.xsl — shared helpers for every document template:
     localised strings (locales/<locale>.xml) with per-practice overrides,
     the form of address (u / je), placeholders, Dutch and English dates,
     money from integer cents, and lists joined as "a, b en c".
     Include it with <xsl:include href="common.xsl"/>.
     Parameters every template gets from zorgdoc: locale (nl, en), today
     (YYYY-MM-DD; never call date:date-time()). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:zd="urn:zorgdoc:xslt:1"
    xmlns:l="urn:zorgdoc:locale:1"
    xmlns:exsl="http://exslt.org/common"
    xmlns:str="http://exslt.org/strings"
    extension-element-prefixes="exsl str"
    exclude-result-prefixes="l exsl str zd">

  <xsl:param name="locale" select="'nl'"/>
  <xsl:param name="today" select="''"/>
  <!-- "u" or "je": templates on the practice model set it from
       policy/@address; others may pass it. -->
  <xsl:param name="address" select="'u'"/>

  <xsl:variable name="L" select="document(concat('../locales/', $locale, '.xml'))/l:locale"/>
  <!-- The locale's elements without an id, found once per transform:
       each $L/l:x is a walk over the locale's 900 strings, and money
       (three of them per amount) was a third of a zorgnota's transform. -->
  <xsl:variable name="L-money" select="$L/l:money"/>
  <xsl:variable name="L-months" select="$L/l:months/l:m"/>
  <xsl:variable name="L-and" select="$L/l:and"/>

  <!-- The string with id $id, in the chosen form of address; a passage
       with the same id in the input practice file (practice/passages/
       passage[@id], the practice's own wording, as plain text) wins when
       the output language is the practice's. {1} {2} {3} are replaced by
       a1 a2 a3. Emits a terminating message when the id is unknown, so no
       document ever shows a hole. Block-level overrides (a passage as
       paragraphs) are in practice-common.xsl (`para`). -->
  <xsl:template name="str">
    <xsl:param name="id"/>
    <xsl:param name="a1" select="''"/>
    <xsl:param name="a2" select="''"/>
    <xsl:param name="a3" select="''"/>
    <!-- the practice's own wording: practice/passages/passage[@id], in the
         practice's language only (practice/@lang, default nl) -->
    <xsl:variable name="own" select="/*[local-name() = 'practice']/*[local-name() = 'passages']/*[local-name() = 'passage'][@id = $id][$locale = string(/*/@lang) or (not(/*/@lang) and $locale = 'nl')][1]"/>
    <xsl:choose>
      <xsl:when test="$own">
        <xsl:variable name="raw">
          <xsl:for-each select="$own/*[local-name() = 'p'] | $own/*[local-name() = 'list']/*">
            <xsl:if test="position() &gt; 1"><xsl:text> </xsl:text></xsl:if>
            <xsl:value-of select="normalize-space(.)"/>
          </xsl:for-each>
        </xsl:variable>
        <xsl:call-template name="subst">
          <xsl:with-param name="text" select="string($raw)"/>
          <xsl:with-param name="a1" select="$a1"/>
          <xsl:with-param name="a2" select="$a2"/>
          <xsl:with-param name="a3" select="$a3"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <!-- zd:entry (zorgdoc's one XSLT extension function): an
             indexed lookup, not a scan of 900 strings per call, nor
             key(), whose index libxslt builds again for every transform
             (a batch of 10,000 zorgnota's spent most of its time in one
             or the other). No result tree fragment either: this runs
             dozens of times per document. -->
        <xsl:variable name="s" select="zd:entry($L, $id)"/>
        <xsl:if test="not($s)">
          <xsl:message terminate="yes">zorgdoc: locale <xsl:value-of select="$locale"/> has no string '<xsl:value-of select="$id"/>'</xsl:message>
        </xsl:if>
        <!-- the form for $address where the string has forms, else the
             string itself -->
        <xsl:variable name="text" select="string($s/l:*[local-name() = $address] | $s[not(l:*[local-name() = $address])])"/>
        <xsl:choose>
          <xsl:when test="contains($text, '{')">
            <xsl:call-template name="subst">
              <xsl:with-param name="text" select="$text"/>
              <xsl:with-param name="a1" select="$a1"/>
              <xsl:with-param name="a2" select="$a2"/>
              <xsl:with-param name="a3" select="$a3"/>
            </xsl:call-template>
          </xsl:when>
          <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
        </xsl:choose>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- an argument of a string: a fragment the template built is copied
       (it may mark a name, <name>), anything else goes in as text -->
  <xsl:template name="subst-arg">
    <xsl:param name="v"/>
    <xsl:choose>
      <xsl:when test="exsl:object-type($v) = 'RTF'"><xsl:copy-of select="$v"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$v"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="subst">
    <xsl:param name="text"/>
    <xsl:param name="a1"/>
    <xsl:param name="a2"/>
    <xsl:param name="a3"/>
    <xsl:choose>
      <xsl:when test="contains($text, '{')">
        <xsl:variable name="key" select="substring(substring-after($text, '{'), 1, 2)"/>
        <xsl:value-of select="substring-before($text, '{')"/>
        <xsl:choose>
          <xsl:when test="$key = '1}'"><xsl:call-template name="subst-arg"><xsl:with-param name="v" select="$a1"/></xsl:call-template></xsl:when>
          <xsl:when test="$key = '2}'"><xsl:call-template name="subst-arg"><xsl:with-param name="v" select="$a2"/></xsl:call-template></xsl:when>
          <xsl:when test="$key = '3}'"><xsl:call-template name="subst-arg"><xsl:with-param name="v" select="$a3"/></xsl:call-template></xsl:when>
          <xsl:otherwise><xsl:text>{</xsl:text><xsl:value-of select="$key"/></xsl:otherwise>
        </xsl:choose>
        <xsl:call-template name="subst">
          <xsl:with-param name="text" select="substring(substring-after($text, '{'), 3)"/>
          <xsl:with-param name="a1" select="$a1"/>
          <xsl:with-param name="a2" select="$a2"/>
          <xsl:with-param name="a3" select="$a3"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The document's <style>: one house style for every document of a
       practice (statement, agreements, register, zorgnota, letters):
       its typeface (branding/@font: serif, else sans) and its brand
       colour (branding/colour, "#rrggbb"; empty: the engine's default). -->
  <xsl:template name="brand-style">
    <xsl:param name="font" select="''"/>
    <xsl:param name="colour" select="''"/>
    <!-- the element's name as the caller's output spells the vocabulary:
         "style" where it is the default namespace, "d:style" where d is -->
    <xsl:param name="qname" select="'style'"/>
    <xsl:element name="{$qname}" namespace="urn:zorgdoc:doc:1">
      <xsl:attribute name="font">
        <xsl:value-of select="concat(substring('serif', 1, 5 * (string($font) = 'serif')), substring('sans', 1, 4 * not(string($font) = 'serif')))"/>
      </xsl:attribute>
      <xsl:if test="normalize-space($colour) != ''">
        <xsl:attribute name="colour"><xsl:value-of select="normalize-space($colour)"/></xsl:attribute>
      </xsl:if>
    </xsl:element>
  </xsl:template>

  <!-- "2023-10-19" → "19 oktober 2023" (nl) / "19 October 2023" (en). -->
  <xsl:template name="date">
    <xsl:param name="iso"/>
    <xsl:variable name="y" select="substring($iso, 1, 4)"/>
    <xsl:variable name="m" select="number(substring($iso, 6, 2))"/>
    <xsl:variable name="d" select="number(substring($iso, 9, 2))"/>
    <xsl:choose>
      <xsl:when test="string-length($iso) &lt; 10 or string($m) = 'NaN' or string($d) = 'NaN'">
        <xsl:message terminate="yes">zorgdoc: not a date: '<xsl:value-of select="$iso"/>'</xsl:message>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="concat($d, ' ', $L-months[$m], ' ', $y)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- 123456 → "€ 1.234,56" (nl) / "€1,234.56" (en). Negative amounts
       keep their sign in front: "-€ 85,00". -->
  <xsl:template name="money">
    <xsl:param name="cents"/>
    <xsl:variable name="neg" select="number($cents) &lt; 0"/>
    <xsl:variable name="abs" select="translate(string($cents), '-', '')"/>
    <xsl:variable name="euros" select="floor(number($abs) div 100)"/>
    <xsl:variable name="rest" select="number($abs) mod 100"/>
    <xsl:if test="$neg">-</xsl:if>
    <xsl:value-of select="$L-money/@symbol"/>
    <xsl:value-of select="translate(format-number($euros, '#,##0'), ',', $L-money/@group)"/>
    <xsl:value-of select="$L-money/@decimal"/>
    <xsl:value-of select="format-number($rest, '00')"/>
  </xsl:template>

  <!-- Joins the string values of $items as "a, b en c". -->
  <!-- A postcode as it is written: a Dutch one "1234 AB" whether the
       practice file says "1234AB" or "1234 AB" (one practice, one way of
       writing it in every document); others as given. -->
  <xsl:template name="postcode">
    <xsl:param name="pc"/>
    <xsl:param name="country" select="'NL'"/>
    <xsl:variable name="p" select="normalize-space($pc)"/>
    <xsl:choose>
      <xsl:when test="(normalize-space($country) = 'NL' or normalize-space($country) = '') and string-length($p) = 6 and not(contains($p, ' '))">
        <xsl:value-of select="concat(substring($p, 1, 4), ' ', substring($p, 5))"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$p"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "Lindelaan 12, 3581 AB Utrecht" of an address element (street,
       postcode, city, country), in any namespace -->
  <xsl:template name="address-line">
    <xsl:param name="a"/>
    <xsl:value-of select="concat(normalize-space($a/*[local-name() = 'street']), ', ')"/>
    <xsl:call-template name="postcode">
      <xsl:with-param name="pc" select="$a/*[local-name() = 'postcode']"/>
      <xsl:with-param name="country" select="$a/*[local-name() = 'country']"/>
    </xsl:call-template>
    <xsl:value-of select="concat(' ', normalize-space($a/*[local-name() = 'city']))"/>
  </xsl:template>

  <xsl:template name="join">
    <xsl:param name="items"/>
    <!-- an article ("de", "the") put before each item that has none of
         its own ("Jeugdwet" → "de Jeugdwet"; "het Burgerlijk Wetboek" stays) -->
    <xsl:param name="article"/>
    <xsl:for-each select="$items">
      <xsl:if test="position() &gt; 1">
        <xsl:choose>
          <xsl:when test="position() = last()">
            <xsl:value-of select="concat(' ', $L-and, ' ')"/>
          </xsl:when>
          <xsl:otherwise>, </xsl:otherwise>
        </xsl:choose>
      </xsl:if>
      <xsl:variable name="t" select="normalize-space(.)"/>
      <xsl:variable name="lc" select="translate($t, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"/>
      <xsl:if test="$article != '' and not(starts-with($lc, 'de ') or starts-with($lc, 'het ') or starts-with($lc, 'the '))">
        <xsl:value-of select="concat($article, ' ')"/>
      </xsl:if>
      <xsl:value-of select="$t"/>
    </xsl:for-each>
  </xsl:template>
  <!-- The locale strings $prefix + each word of the space-separated
       $list (e.g. the legal bases "contract legitimate-interests"),
       joined as "a, b en c". -->
  <xsl:template name="str-list">
    <xsl:param name="list"/>
    <xsl:param name="prefix"/>
    <xsl:variable name="l" select="normalize-space($list)"/>
    <xsl:if test="$l != ''">
      <xsl:variable name="head">
        <xsl:choose>
          <xsl:when test="contains($l, ' ')"><xsl:value-of select="substring-before($l, ' ')"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="$l"/></xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <xsl:variable name="rest" select="substring-after($l, ' ')"/>
      <xsl:call-template name="str"><xsl:with-param name="id" select="concat($prefix, $head)"/></xsl:call-template>
      <xsl:choose>
        <xsl:when test="contains($rest, ' ')">, </xsl:when>
        <xsl:when test="$rest != ''"><xsl:value-of select="concat(' ', $L-and, ' ')"/></xsl:when>
      </xsl:choose>
      <xsl:call-template name="str-list">
        <xsl:with-param name="list" select="$rest"/>
        <xsl:with-param name="prefix" select="$prefix"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- The name of the country with ISO code $code (locale strings
       country.XX), or the code when the locale has none. With
       sentence = 'yes' the form that stands in a sentence, with its
       article where the language wants one (country.the.XX: "naar de
       Verenigde Staten"). -->
  <xsl:template name="country">
    <xsl:param name="code"/>
    <xsl:param name="sentence" select="'no'"/>
    <xsl:variable name="the" select="concat('country.the.', $code)"/>
    <xsl:variable name="bare" select="concat('country.', $code)"/>
    <xsl:choose>
      <xsl:when test="$sentence = 'yes' and zd:entry($L, $the)">
        <xsl:call-template name="str"><xsl:with-param name="id" select="$the"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="zd:entry($L, $bare)">
        <xsl:call-template name="str"><xsl:with-param name="id" select="$bare"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$code"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
