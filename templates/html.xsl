<?xml version="1.0" encoding="UTF-8"?>
<!-- html.xsl — document vocabulary (urn:zorgdoc:doc:1) → one self-contained
     HTML5 page: lang from meta/language, one h1 (the title), a heading
     hierarchy from the section nesting, a table of contents, tables with
     header cells, a print stylesheet; no external resources, no script.
     With fragment='yes' only an <article> block is written, to paste into
     an existing website. Page furniture (running header and footer, page
     numbers, page breaks) has no meaning on the web and is left out.

     The logo comes as a data: URI in the parameter logo-src (docgen reads
     the letterhead's logo file), so the page and the fragment need no
     file beside them. Text in the brand colour (headings, the name in
     the letterhead, links) is set in its shade that reaches 4.5:1 on
     white (zd:text-colour, src/base/colour.c); rules keep the colour.
     On a narrow screen a table of three or more columns, or one without a
     header row, is set as stacked rows, each cell under its column's
     header (data-label), so the page never scrolls sideways. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:d="urn:zorgdoc:doc:1"
    xmlns:zd="urn:zorgdoc:xslt:1"
    exclude-result-prefixes="d zd">

  <xsl:output method="html" encoding="UTF-8" indent="no"/>
  <xsl:param name="fragment" select="'no'"/>
  <!-- label of the table of contents; templates pass the localised word -->
  <xsl:param name="toc-title" select="'Inhoud'"/>
  <xsl:param name="locale" select="'nl'"/>
  <xsl:param name="today" select="''"/>
  <!-- the letterhead's logo as a data: URI (docgen), or empty: no logo -->
  <xsl:param name="logo-src" select="''"/>

  <xsl:variable name="lang">
    <xsl:choose>
      <xsl:when test="/d:doc/d:meta/d:language"><xsl:value-of select="/d:doc/d:meta/d:language"/></xsl:when>
      <xsl:otherwise>nl</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="colour">
    <xsl:choose>
      <xsl:when test="/d:doc/d:style/@colour"><xsl:value-of select="/d:doc/d:style/@colour"/></xsl:when>
      <xsl:otherwise>#2f4858</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="text-colour" select="zd:text-colour($colour)"/>
  <xsl:variable name="font">
    <xsl:choose>
      <xsl:when test="/d:doc/d:style/@font = 'serif'">"Liberation Serif","Times New Roman",serif</xsl:when>
      <xsl:otherwise>"Liberation Sans",Arial,sans-serif</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <xsl:template match="/">
    <xsl:choose>
      <xsl:when test="$fragment = 'yes'">
        <xsl:apply-templates select="d:doc" mode="article"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:text disable-output-escaping="yes">&lt;!DOCTYPE html&gt;&#10;</xsl:text>
        <html lang="{$lang}">
          <head>
            <meta name="viewport" content="width=device-width, initial-scale=1"/>
            <title><xsl:value-of select="d:doc/d:meta/d:title"/></title>
            <xsl:if test="d:doc/d:meta/d:author">
              <meta name="author" content="{d:doc/d:meta/d:author}"/>
            </xsl:if>
            <xsl:if test="d:doc/d:meta/d:subject">
              <meta name="description" content="{d:doc/d:meta/d:subject}"/>
            </xsl:if>
            <style>
              <xsl:text>
body{font-family:</xsl:text><xsl:value-of select="$font"/><xsl:text>;line-height:1.5;color:#222;max-width:46em;margin:2em auto;padding:0 1em;overflow-wrap:break-word;hyphens:auto}
h1,h2,h3,h4,h5{color:</xsl:text><xsl:value-of select="$text-colour"/><xsl:text>;line-height:1.25}
h1{font-size:1.8em;margin-bottom:.2em}
a{color:</xsl:text><xsl:value-of select="$text-colour"/><xsl:text>}
.letterhead{display:flow-root;border-bottom:2px solid </xsl:text><xsl:value-of select="$colour"/><xsl:text>;margin-bottom:1.5em;padding-bottom:.5em}
.letterhead .name{font-weight:bold;font-size:1.2em;color:</xsl:text><xsl:value-of select="$text-colour"/><xsl:text>}
.letterhead .logo{float:right;max-width:40%;max-height:4.5em;margin:0 0 .5em 1em}
nav.toc{border-left:4px solid </xsl:text><xsl:value-of select="$colour"/><xsl:text>;padding:0 1em;margin:1em 0}
nav.toc ol{list-style:none;padding-left:0;margin:.3em 0}
nav.toc ol ol{padding-left:1.5em}
table{border-collapse:collapse;margin:1em 0;width:100%}
th,td{text-align:left;vertical-align:top;padding:.3em .5em;border-bottom:1px solid #ccc}
th{border-bottom:2px solid #888}
td.numeric,th.numeric{text-align:right;font-variant-numeric:tabular-nums}
td.right,th.right{text-align:right}
td.center,th.center{text-align:center}
tr.total td,tr.subtotal td{font-weight:bold;border-top:2px solid #888}
caption{text-align:left;font-weight:bold;padding:.3em 0}
.note{border-left:4px solid </xsl:text><xsl:value-of select="$colour"/><xsl:text>;padding:.1em 1em;margin:1em 0}
.signatures{display:flex;flex-wrap:wrap;gap:2em}
.party{flex:1 1 16em}
.sign{border-bottom:1px solid #222;height:3em}
dt{font-weight:bold}
dd{margin-left:1.5em}
.small{font-size:.85em}
.nobr{white-space:nowrap}
@media (max-width:40em){
table.stack,table.stack caption,table.stack tbody,table.stack tr,table.stack td{display:block;width:auto}
table.stack thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
table.stack tr{border-bottom:1px solid #ccc;padding:.4em 0}
table.stack tr.total,table.stack tr.subtotal{border-top:2px solid #888}
table.stack td{border:0;padding:.1em 0;text-align:left}
table.stack tr.total td,table.stack tr.subtotal td{border:0}
table.stack td[data-label]::before{content:attr(data-label);display:block;font-weight:bold;font-size:.85em;color:#555}
table.stack.keyed td:first-child{font-weight:bold}
}
@media print{body{max-width:none;margin:0;font-size:10.5pt}nav.toc{display:none}a{color:inherit;text-decoration:none}h2,h3,h4{break-after:avoid}table,.signatures,.note{break-inside:avoid}}
</xsl:text>
            </style>
          </head>
          <body>
            <xsl:apply-templates select="d:doc" mode="article"/>
          </body>
        </html>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="d:doc" mode="article">
    <article class="zorgdoc" lang="{$lang}">
      <!-- a draft (meta/draft): a banner above everything, styled inline
           so that a pasted fragment shows it too -->
      <xsl:if test="d:meta/d:draft">
        <p class="draft" role="note" style="border:3px solid #b71c1c;color:#b71c1c;background:#fff;font-weight:bold;text-align:center;padding:.5em;margin:0 0 1em;letter-spacing:.05em"><xsl:value-of select="d:meta/d:draft"/></p>
      </xsl:if>
      <xsl:apply-templates select="d:letterhead"/>
      <h1><xsl:value-of select="d:meta/d:title"/></h1>
      <xsl:if test="count(d:body//d:section) &gt; 2">
        <nav class="toc">
          <h2><xsl:value-of select="$toc-title"/></h2>
          <ol>
            <xsl:apply-templates select="d:body/d:section" mode="toc"/>
          </ol>
        </nav>
      </xsl:if>
      <xsl:apply-templates select="d:body/*"/>
    </article>
  </xsl:template>

  <xsl:template match="d:letterhead">
    <header class="letterhead">
      <xsl:if test="$logo-src != '' and d:logo">
        <img class="logo" src="{$logo-src}" alt="{d:logo/@alt}"/>
      </xsl:if>
      <div class="name"><xsl:value-of select="d:name"/></div>
      <xsl:for-each select="d:line">
        <div><xsl:apply-templates/></div>
      </xsl:for-each>
    </header>
  </xsl:template>

  <!-- ids: the section's own, else one derived from its position (stable
       across runs, unlike generate-id()) -->
  <xsl:template name="section-id">
    <xsl:choose>
      <xsl:when test="@id"><xsl:value-of select="@id"/></xsl:when>
      <xsl:otherwise>
        <xsl:text>s-</xsl:text>
        <xsl:number level="multiple" count="d:section" format="1-1"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="section-label">
    <xsl:choose>
      <xsl:when test="@label"><xsl:value-of select="concat(@label, ' ')"/></xsl:when>
      <xsl:when test="ancestor-or-self::d:section[@numbered][1]/@numbered = 'yes'">
        <xsl:number level="multiple" count="d:section[ancestor-or-self::d:section[@numbered][1]/@numbered = 'yes']" format="1.1"/>
        <xsl:text> </xsl:text>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="d:section" mode="toc">
    <xsl:variable name="id"><xsl:call-template name="section-id"/></xsl:variable>
    <li>
      <a href="#{$id}"><xsl:call-template name="section-label"/><xsl:apply-templates select="d:title/node()"/></a>
      <xsl:if test="d:section">
        <ol><xsl:apply-templates select="d:section" mode="toc"/></ol>
      </xsl:if>
    </li>
  </xsl:template>

  <xsl:template match="d:section">
    <xsl:variable name="id"><xsl:call-template name="section-id"/></xsl:variable>
    <xsl:variable name="depth" select="count(ancestor-or-self::d:section)"/>
    <xsl:variable name="h">
      <xsl:choose>
        <xsl:when test="$depth &gt; 4">h5</xsl:when>
        <xsl:otherwise><xsl:value-of select="concat('h', $depth + 1)"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <section id="{$id}">
      <xsl:element name="{$h}">
        <xsl:call-template name="section-label"/>
        <xsl:apply-templates select="d:title/node()"/>
      </xsl:element>
      <xsl:apply-templates select="*[not(self::d:title)]"/>
    </section>
  </xsl:template>

  <xsl:template match="d:p">
    <p>
      <xsl:if test="@id"><xsl:attribute name="id"><xsl:value-of select="@id"/></xsl:attribute></xsl:if>
      <xsl:if test="@size = 'small'"><xsl:attribute name="class">small</xsl:attribute></xsl:if>
      <xsl:apply-templates/>
    </p>
  </xsl:template>

  <xsl:template match="d:em"><em><xsl:apply-templates/></em></xsl:template>
  <xsl:template match="d:strong"><strong><xsl:apply-templates/></strong></xsl:template>
  <xsl:template match="d:name[not(parent::d:letterhead)]"><xsl:apply-templates/></xsl:template>
  <xsl:template match="d:br"><br/></xsl:template>
  <xsl:template match="d:nobr"><span class="nobr"><xsl:apply-templates/></span></xsl:template>
  <xsl:template match="d:page|d:pages|d:page-break"/>
  <xsl:template match="d:link"><a href="{@href}"><xsl:apply-templates/></a></xsl:template>

  <xsl:template match="d:ref">
    <xsl:variable name="to" select="@to"/>
    <xsl:variable name="target" select="//d:section[@id = $to] | //d:table[@id = $to] | //d:p[@id = $to]"/>
    <a href="#{$to}">
      <xsl:choose>
        <xsl:when test="node()"><xsl:apply-templates/></xsl:when>
        <xsl:when test="$target/self::d:section">
          <xsl:for-each select="$target">
            <xsl:variable name="label"><xsl:call-template name="section-label"/></xsl:variable>
            <xsl:choose>
              <xsl:when test="normalize-space($label)"><xsl:value-of select="normalize-space($label)"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="d:title"/></xsl:otherwise>
            </xsl:choose>
          </xsl:for-each>
        </xsl:when>
        <xsl:otherwise><xsl:value-of select="$to"/></xsl:otherwise>
      </xsl:choose>
    </a>
  </xsl:template>

  <!-- list items and other flow containers: loose inline text is wrapped
       in the parent element directly (valid HTML) -->
  <xsl:template match="d:ul"><ul><xsl:apply-templates select="d:li"/></ul></xsl:template>
  <xsl:template match="d:ol">
    <ol>
      <xsl:if test="@start"><xsl:attribute name="start"><xsl:value-of select="@start"/></xsl:attribute></xsl:if>
      <xsl:if test="@type"><xsl:attribute name="type"><xsl:value-of select="@type"/></xsl:attribute></xsl:if>
      <xsl:apply-templates select="d:li"/>
    </ol>
  </xsl:template>
  <xsl:template match="d:li"><li><xsl:apply-templates/></li></xsl:template>
  <xsl:template match="d:dl"><dl><xsl:apply-templates select="d:dt|d:dd"/></dl></xsl:template>
  <xsl:template match="d:dt"><dt><xsl:apply-templates/></dt></xsl:template>
  <xsl:template match="d:dd"><dd><xsl:apply-templates/></dd></xsl:template>

  <xsl:template match="d:note">
    <aside class="note">
      <xsl:if test="d:title"><p><strong><xsl:apply-templates select="d:title/node()"/></strong></p></xsl:if>
      <xsl:apply-templates select="node()[not(self::d:title)]"/>
    </aside>
  </xsl:template>

  <xsl:template match="d:keep|d:columns|d:column"><div><xsl:apply-templates/></div></xsl:template>

  <!-- a QR code is for paper and PDF (a payment code is scanned from
       another screen or a print); the text beside it says the same -->
  <xsl:template match="d:qr"/>

  <xsl:template match="d:table">
    <xsl:variable name="ncols">
      <xsl:choose>
        <xsl:when test="d:col"><xsl:value-of select="count(d:col)"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="count((d:thead/d:row | d:tbody/d:row)[1]/d:cell)"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <table>
      <!-- stacked on a narrow screen: three or more columns, or label and
           value rows without a header row ("keyed": the first cell is the
           label) -->
      <xsl:choose>
        <xsl:when test="not(d:thead)"><xsl:attribute name="class">stack keyed</xsl:attribute></xsl:when>
        <xsl:when test="$ncols &gt;= 3"><xsl:attribute name="class">stack</xsl:attribute></xsl:when>
      </xsl:choose>
      <xsl:if test="@id"><xsl:attribute name="id"><xsl:value-of select="@id"/></xsl:attribute></xsl:if>
      <xsl:if test="d:caption"><caption><xsl:apply-templates select="d:caption/node()"/></caption></xsl:if>
      <xsl:if test="d:thead">
        <thead><xsl:apply-templates select="d:thead/d:row"><xsl:with-param name="head" select="true()"/></xsl:apply-templates></thead>
      </xsl:if>
      <tbody><xsl:apply-templates select="d:tbody/d:row"/></tbody>
    </table>
  </xsl:template>

  <xsl:template match="d:row">
    <xsl:param name="head" select="false()"/>
    <tr>
      <xsl:if test="@kind"><xsl:attribute name="class"><xsl:value-of select="@kind"/></xsl:attribute></xsl:if>
      <xsl:for-each select="d:cell">
        <xsl:variable name="pos" select="count(preceding-sibling::d:cell) + 1 + sum(preceding-sibling::d:cell/@span) - count(preceding-sibling::d:cell[@span])"/>
        <xsl:variable name="align">
          <xsl:choose>
            <xsl:when test="@align"><xsl:value-of select="@align"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="ancestor::d:table[1]/d:col[$pos]/@align"/></xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:element name="{substring('tdth', 1 + 2 * number($head), 2)}">
          <xsl:if test="$head"><xsl:attribute name="scope">col</xsl:attribute></xsl:if>
          <xsl:if test="@span"><xsl:attribute name="colspan"><xsl:value-of select="@span"/></xsl:attribute></xsl:if>
          <!-- a body cell names its column (the header cell that starts
               there) for the stacked rows of a narrow screen -->
          <xsl:if test="not($head) and not(@span &gt; 1)">
            <xsl:variable name="hcell" select="ancestor::d:table[1]/d:thead/d:row[1]/d:cell[count(preceding-sibling::d:cell) + 1 + sum(preceding-sibling::d:cell/@span) - count(preceding-sibling::d:cell[@span]) = $pos]"/>
            <xsl:if test="normalize-space($hcell) != ''">
              <xsl:attribute name="data-label"><xsl:value-of select="normalize-space($hcell)"/></xsl:attribute>
            </xsl:if>
          </xsl:if>
          <xsl:if test="$align = 'numeric' or $align = 'right' or $align = 'center'">
            <xsl:attribute name="class"><xsl:value-of select="$align"/></xsl:attribute>
          </xsl:if>
          <xsl:apply-templates/>
        </xsl:element>
      </xsl:for-each>
    </tr>
  </xsl:template>

  <xsl:template match="d:signatures">
    <div class="signatures">
      <xsl:for-each select="d:party">
        <div class="party">
          <p><strong><xsl:apply-templates select="d:role/node()"/></strong></p>
          <dl>
            <xsl:for-each select="d:field">
              <dt><xsl:value-of select="@label"/></dt>
              <dd><xsl:apply-templates/><xsl:if test="not(node())">&#160;</xsl:if></dd>
            </xsl:for-each>
          </dl>
          <xsl:for-each select="d:sign">
            <div class="sign"></div>
            <p class="small"><xsl:value-of select="@label"/></p>
          </xsl:for-each>
        </div>
      </xsl:for-each>
    </div>
  </xsl:template>

  <xsl:template match="d:address">
    <address>
      <xsl:if test="@label"><span class="small"><xsl:value-of select="@label"/></span><br/></xsl:if>
      <xsl:for-each select="d:line">
        <xsl:apply-templates/>
        <xsl:if test="position() != last()"><br/></xsl:if>
      </xsl:for-each>
    </address>
  </xsl:template>

  <xsl:template match="d:fields">
    <dl>
      <xsl:for-each select="d:field">
        <dt><xsl:value-of select="@label"/></dt>
        <dd><xsl:apply-templates/></dd>
      </xsl:for-each>
    </dl>
  </xsl:template>
</xsl:stylesheet>
