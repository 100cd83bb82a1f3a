<?xml version="1.0" encoding="UTF-8"?>
<!-- text.xsl — document vocabulary (urn:zorgdoc:doc:1) → plain UTF-8 text,
     wrapped at 76 columns: for e-mail, for pasting, for screen readers.
     Headings are numbered as in the PDF; lists keep their markers; tables
     become one line per row with cells joined by " | ". Page furniture
     (running header, footer, page numbers) is left out. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:d="urn:zorgdoc:doc:1"
    exclude-result-prefixes="d">

  <xsl:output method="text" encoding="UTF-8"/>
  <xsl:param name="width" select="76"/>
  <xsl:param name="locale" select="'nl'"/>
  <xsl:param name="today" select="''"/>
  <xsl:variable name="NL" select="'&#10;'"/>
  <!-- stands for <br/> inside a paragraph until wrapping -->
  <xsl:variable name="BR" select="'&#x2028;'"/>

  <xsl:template match="/">
    <xsl:if test="d:doc/d:meta/d:draft">
      <xsl:value-of select="concat('*** ', normalize-space(d:doc/d:meta/d:draft), ' ***', $NL, $NL)"/>
    </xsl:if>
    <xsl:for-each select="d:doc/d:letterhead">
      <xsl:value-of select="concat(d:name, $NL)"/>
      <xsl:for-each select="d:line">
        <xsl:variable name="t"><xsl:apply-templates mode="inline"/></xsl:variable>
        <xsl:value-of select="concat(normalize-space($t), $NL)"/>
      </xsl:for-each>
      <xsl:value-of select="$NL"/>
    </xsl:for-each>
    <xsl:variable name="title" select="normalize-space(d:doc/d:meta/d:title)"/>
    <xsl:value-of select="concat($title, $NL)"/>
    <xsl:call-template name="repeat">
      <xsl:with-param name="char" select="'='"/>
      <xsl:with-param name="n" select="string-length($title)"/>
    </xsl:call-template>
    <xsl:value-of select="concat($NL, $NL)"/>
    <xsl:apply-templates select="d:doc/d:body/*">
      <xsl:with-param name="indent" select="''"/>
    </xsl:apply-templates>
  </xsl:template>

  <xsl:template name="repeat">
    <xsl:param name="char"/>
    <xsl:param name="n"/>
    <xsl:if test="$n &gt; 0">
      <xsl:value-of select="$char"/>
      <xsl:call-template name="repeat">
        <xsl:with-param name="char" select="$char"/>
        <xsl:with-param name="n" select="$n - 1"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- ===== wrapping ===== -->

  <!-- position of the last space in $s (0 when none) -->
  <xsl:template name="last-space">
    <xsl:param name="s"/>
    <xsl:param name="acc" select="0"/>
    <xsl:choose>
      <xsl:when test="contains($s, ' ')">
        <xsl:call-template name="last-space">
          <xsl:with-param name="s" select="substring-after($s, ' ')"/>
          <xsl:with-param name="acc" select="$acc + string-length(substring-before($s, ' ')) + 1"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$acc"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Writes $text wrapped: the first line starts with $first, the others
       with $rest. $BR forces a line break. -->
  <xsl:template name="wrap">
    <xsl:param name="text"/>
    <xsl:param name="first"/>
    <xsl:param name="rest"/>
    <xsl:choose>
      <xsl:when test="contains($text, $BR)">
        <xsl:call-template name="wrap">
          <xsl:with-param name="text" select="normalize-space(substring-before($text, $BR))"/>
          <xsl:with-param name="first" select="$first"/>
          <xsl:with-param name="rest" select="$rest"/>
        </xsl:call-template>
        <xsl:call-template name="wrap">
          <xsl:with-param name="text" select="normalize-space(substring-after($text, $BR))"/>
          <xsl:with-param name="first" select="$rest"/>
          <xsl:with-param name="rest" select="$rest"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="room" select="$width - string-length($first)"/>
        <xsl:choose>
          <xsl:when test="string-length($text) &lt;= $room">
            <xsl:value-of select="concat($first, $text, $NL)"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:variable name="cut">
              <xsl:call-template name="last-space">
                <xsl:with-param name="s" select="substring($text, 1, $room + 1)"/>
              </xsl:call-template>
            </xsl:variable>
            <!-- a word longer than the line: break after it -->
            <xsl:variable name="at">
              <xsl:choose>
                <xsl:when test="$cut &gt; 0"><xsl:value-of select="$cut"/></xsl:when>
                <xsl:when test="contains($text, ' ')"><xsl:value-of select="string-length(substring-before($text, ' ')) + 1"/></xsl:when>
                <xsl:otherwise><xsl:value-of select="string-length($text) + 1"/></xsl:otherwise>
              </xsl:choose>
            </xsl:variable>
            <xsl:value-of select="concat($first, substring($text, 1, $at - 1), $NL)"/>
            <xsl:if test="string-length($text) &gt; $at">
              <xsl:call-template name="wrap">
                <xsl:with-param name="text" select="substring($text, $at + 1)"/>
                <xsl:with-param name="first" select="$rest"/>
                <xsl:with-param name="rest" select="$rest"/>
              </xsl:call-template>
            </xsl:if>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== inline content → a string ===== -->
  <xsl:template match="text()" mode="inline"><xsl:value-of select="."/></xsl:template>
  <xsl:template match="d:br" mode="inline"><xsl:value-of select="$BR"/></xsl:template>
  <xsl:template match="d:page|d:pages" mode="inline"/>
  <xsl:template match="d:name[not(parent::d:letterhead)]" mode="inline"><xsl:apply-templates mode="inline"/></xsl:template>
  <!-- no-break spaces keep the wrapper from splitting an IBAN or phone -->
  <xsl:template match="d:nobr" mode="inline"><xsl:value-of select="translate(normalize-space(.), ' ', '&#160;')"/></xsl:template>
  <xsl:template match="d:link" mode="inline">
    <xsl:variable name="t" select="normalize-space(.)"/>
    <xsl:value-of select="$t"/>
    <xsl:variable name="bare">
      <xsl:choose>
        <xsl:when test="starts-with(@href, 'mailto:')"><xsl:value-of select="substring-after(@href, 'mailto:')"/></xsl:when>
        <xsl:when test="starts-with(@href, 'tel:')"><xsl:value-of select="substring-after(@href, 'tel:')"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="@href"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:if test="$t != $bare and $t != @href and not(starts-with(@href, 'tel:'))">
      <xsl:value-of select="concat(' &lt;', $bare, '&gt;')"/>
    </xsl:if>
  </xsl:template>
  <xsl:template match="d:ref" mode="inline">
    <xsl:variable name="to" select="@to"/>
    <xsl:choose>
      <xsl:when test="node()"><xsl:apply-templates mode="inline"/></xsl:when>
      <xsl:otherwise>
        <xsl:for-each select="//d:section[@id = $to]">
          <xsl:variable name="label"><xsl:call-template name="section-label"/></xsl:variable>
          <xsl:choose>
            <xsl:when test="normalize-space($label)"><xsl:value-of select="normalize-space($label)"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="normalize-space(d:title)"/></xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <!-- blocks inside a table cell: list items joined by "; ", paragraphs
       by a space, so that words of two items never run together -->
  <xsl:template match="d:li" mode="inline">
    <xsl:if test="preceding-sibling::d:li">; </xsl:if>
    <xsl:apply-templates mode="inline"/>
  </xsl:template>
  <xsl:template match="d:p|d:ul|d:ol|d:dl" mode="inline">
    <xsl:if test="preceding-sibling::*"><xsl:text> </xsl:text></xsl:if>
    <xsl:apply-templates mode="inline"/>
  </xsl:template>
  <xsl:template match="*" mode="inline"><xsl:apply-templates mode="inline"/></xsl:template>

  <xsl:template name="section-label">
    <xsl:choose>
      <xsl:when test="@label"><xsl:value-of select="concat(@label, ' ')"/></xsl:when>
      <xsl:when test="ancestor-or-self::d:section[@numbered][1]/@numbered = 'yes'">
        <xsl:number level="multiple" count="d:section[ancestor-or-self::d:section[@numbered][1]/@numbered = 'yes']" format="1.1"/>
        <xsl:text> </xsl:text>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- ===== blocks ===== -->
  <xsl:template match="d:section">
    <xsl:param name="indent"/>
    <xsl:variable name="label"><xsl:call-template name="section-label"/></xsl:variable>
    <xsl:variable name="t"><xsl:apply-templates select="d:title" mode="inline"/></xsl:variable>
    <xsl:variable name="h" select="concat($label, normalize-space($t))"/>
    <xsl:value-of select="concat($h, $NL)"/>
    <xsl:if test="count(ancestor::d:section) = 0">
      <xsl:call-template name="repeat">
        <xsl:with-param name="char" select="'-'"/>
        <xsl:with-param name="n" select="string-length($h)"/>
      </xsl:call-template>
      <xsl:value-of select="$NL"/>
    </xsl:if>
    <xsl:value-of select="$NL"/>
    <xsl:apply-templates select="*[not(self::d:title)]">
      <xsl:with-param name="indent" select="$indent"/>
    </xsl:apply-templates>
  </xsl:template>

  <xsl:template match="d:p">
    <xsl:param name="indent"/>
    <xsl:variable name="t"><xsl:apply-templates mode="inline"/></xsl:variable>
    <xsl:call-template name="wrap">
      <xsl:with-param name="text" select="normalize-space($t)"/>
      <xsl:with-param name="first" select="$indent"/>
      <xsl:with-param name="rest" select="$indent"/>
    </xsl:call-template>
    <xsl:value-of select="$NL"/>
  </xsl:template>

  <!-- flow content (li, dd, cell, note): inline runs become paragraphs -->
  <xsl:template name="flow">
    <xsl:param name="first"/>
    <xsl:param name="rest"/>
    <xsl:variable name="lead">
      <xsl:apply-templates select="node()[not(self::d:ul or self::d:ol or self::d:dl or self::d:p or self::d:table or self::d:note or self::d:keep or self::d:title)]" mode="inline"/>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="normalize-space($lead)">
        <xsl:call-template name="wrap">
          <xsl:with-param name="text" select="normalize-space($lead)"/>
          <xsl:with-param name="first" select="$first"/>
          <xsl:with-param name="rest" select="$rest"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="$first != $rest and not(d:p)">
        <xsl:value-of select="concat($first, $NL)"/>
      </xsl:when>
    </xsl:choose>
    <xsl:for-each select="d:p">
      <xsl:variable name="t"><xsl:apply-templates mode="inline"/></xsl:variable>
      <xsl:call-template name="wrap">
        <xsl:with-param name="text" select="normalize-space($t)"/>
        <xsl:with-param name="first">
          <xsl:choose>
            <xsl:when test="position() = 1 and not(normalize-space($lead))"><xsl:value-of select="$first"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="$rest"/></xsl:otherwise>
          </xsl:choose>
        </xsl:with-param>
        <xsl:with-param name="rest" select="$rest"/>
      </xsl:call-template>
    </xsl:for-each>
    <xsl:apply-templates select="d:ul|d:ol|d:dl|d:table|d:note|d:keep">
      <xsl:with-param name="indent" select="$rest"/>
      <xsl:with-param name="nested" select="true()"/>
    </xsl:apply-templates>
  </xsl:template>

  <xsl:template match="d:ul|d:ol">
    <xsl:param name="indent"/>
    <xsl:param name="nested" select="false()"/>
    <xsl:for-each select="d:li">
      <xsl:variable name="marker">
        <xsl:choose>
          <xsl:when test="parent::d:ul">-</xsl:when>
          <xsl:when test="../@type = 'a'"><xsl:number format="a" value="position() + sum(../@start) - count(../@start)"/>.</xsl:when>
          <xsl:when test="../@type = 'i'"><xsl:number format="i" value="position() + sum(../@start) - count(../@start)"/>.</xsl:when>
          <xsl:otherwise><xsl:number format="1" value="position() + sum(../@start) - count(../@start)"/>.</xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <xsl:call-template name="flow">
        <xsl:with-param name="first" select="concat($indent, '  ', $marker, ' ')"/>
        <xsl:with-param name="rest" select="concat($indent, '  ', translate($marker, '-.abcdefghijklmnopqrstuvwxyz0123456789', '                                      '), ' ')"/>
      </xsl:call-template>
    </xsl:for-each>
    <xsl:if test="not($nested)"><xsl:value-of select="$NL"/></xsl:if>
  </xsl:template>

  <xsl:template match="d:dl">
    <xsl:param name="indent"/>
    <xsl:param name="nested" select="false()"/>
    <xsl:for-each select="d:dt|d:dd">
      <xsl:choose>
        <xsl:when test="self::d:dt">
          <xsl:variable name="t"><xsl:apply-templates mode="inline"/></xsl:variable>
          <xsl:call-template name="wrap">
            <xsl:with-param name="text" select="normalize-space($t)"/>
            <xsl:with-param name="first" select="$indent"/>
            <xsl:with-param name="rest" select="$indent"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="flow">
            <xsl:with-param name="first" select="concat($indent, '    ')"/>
            <xsl:with-param name="rest" select="concat($indent, '    ')"/>
          </xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
    <xsl:if test="not($nested)"><xsl:value-of select="$NL"/></xsl:if>
  </xsl:template>

  <xsl:template match="d:table">
    <xsl:param name="indent"/>
    <xsl:if test="d:caption">
      <xsl:variable name="t"><xsl:apply-templates select="d:caption" mode="inline"/></xsl:variable>
      <xsl:value-of select="concat($indent, normalize-space($t), $NL)"/>
    </xsl:if>
    <xsl:for-each select="d:thead/d:row | d:tbody/d:row">
      <xsl:variable name="cells">
        <xsl:for-each select="d:cell">
          <xsl:if test="position() &gt; 1"> | </xsl:if>
          <xsl:variable name="t"><xsl:apply-templates mode="inline"/></xsl:variable>
          <xsl:value-of select="normalize-space($t)"/>
        </xsl:for-each>
      </xsl:variable>
      <xsl:call-template name="wrap">
        <xsl:with-param name="text" select="normalize-space($cells)"/>
        <xsl:with-param name="first" select="$indent"/>
        <xsl:with-param name="rest" select="concat($indent, '    ')"/>
      </xsl:call-template>
      <xsl:if test="parent::d:thead and position() = last() - count(../../d:tbody/d:row)">
        <xsl:value-of select="concat($indent, '----', $NL)"/>
      </xsl:if>
    </xsl:for-each>
    <xsl:value-of select="$NL"/>
  </xsl:template>

  <xsl:template match="d:note">
    <xsl:param name="indent"/>
    <xsl:if test="d:title">
      <xsl:variable name="t"><xsl:apply-templates select="d:title" mode="inline"/></xsl:variable>
      <xsl:value-of select="concat($indent, '| ', normalize-space($t), $NL)"/>
    </xsl:if>
    <xsl:call-template name="flow">
      <xsl:with-param name="first" select="concat($indent, '| ')"/>
      <xsl:with-param name="rest" select="concat($indent, '| ')"/>
    </xsl:call-template>
    <xsl:value-of select="$NL"/>
  </xsl:template>

  <xsl:template match="d:keep|d:columns|d:column">
    <xsl:param name="indent"/>
    <xsl:apply-templates select="*">
      <xsl:with-param name="indent" select="$indent"/>
    </xsl:apply-templates>
  </xsl:template>

  <xsl:template match="d:page-break"/>
  <!-- a QR code has no text form; the text beside it says the same -->
  <xsl:template match="d:qr"/>

  <xsl:template match="d:signatures">
    <xsl:param name="indent"/>
    <xsl:for-each select="d:party">
      <xsl:variable name="r"><xsl:apply-templates select="d:role" mode="inline"/></xsl:variable>
      <xsl:value-of select="concat($indent, normalize-space($r), $NL)"/>
      <xsl:for-each select="d:field">
        <xsl:variable name="t"><xsl:apply-templates mode="inline"/></xsl:variable>
        <xsl:value-of select="concat($indent, '  ', @label, ': ')"/>
        <xsl:choose>
          <xsl:when test="normalize-space($t)"><xsl:value-of select="normalize-space($t)"/></xsl:when>
          <xsl:otherwise>______________________</xsl:otherwise>
        </xsl:choose>
        <xsl:value-of select="$NL"/>
      </xsl:for-each>
      <xsl:for-each select="d:sign">
        <xsl:value-of select="concat($indent, '  ', @label, ': ______________________', $NL)"/>
      </xsl:for-each>
      <xsl:value-of select="$NL"/>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="d:address">
    <xsl:param name="indent"/>
    <xsl:if test="@label"><xsl:value-of select="concat($indent, @label, $NL)"/></xsl:if>
    <xsl:for-each select="d:line">
      <xsl:variable name="t"><xsl:apply-templates mode="inline"/></xsl:variable>
      <xsl:value-of select="concat($indent, normalize-space($t), $NL)"/>
    </xsl:for-each>
    <xsl:value-of select="$NL"/>
  </xsl:template>

  <xsl:template match="d:fields">
    <xsl:param name="indent"/>
    <xsl:for-each select="d:field">
      <xsl:variable name="t"><xsl:apply-templates mode="inline"/></xsl:variable>
      <xsl:call-template name="wrap">
        <xsl:with-param name="text" select="concat(@label, ': ', normalize-space($t))"/>
        <xsl:with-param name="first" select="$indent"/>
        <xsl:with-param name="rest" select="concat($indent, '    ')"/>
      </xsl:call-template>
    </xsl:for-each>
    <xsl:value-of select="$NL"/>
  </xsl:template>
</xsl:stylesheet>
