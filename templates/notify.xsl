<?xml version="1.0" encoding="UTF-8"?>
<!-- notify.xsl — the letter that tells a client what changed in a new
     version of the practice's documents (zorgdoc regen, option notify).

     In: the practice model (urn:zorgdoc:practice:1) to which regen added,
     as last children of the root, the change lists of the versions the
     letters speak of (c:changes, urn:zorgdoc:changes:1, each with @seq:
     its place among the published versions) and c:letters (@version,
     @effective, @date) with one c:client per letter (@id; @known: the
     @seq of the newest version the client knows of; name, street,
     postcode, city, guardian*, addressee*; @minor: child (under 12)
     or young (12 to 15) when the letter is about a minor). A client
     hears of every change list after @known; with more than one, each
     under its version. Parameter client: the id of the client whose
     letters to make, or '' for every letter, each starting on a new page.

     A letter about a minor goes to each c:addressee (the parent or
     guardian who consented, see src/regen/notify.c), at the client's
     address, about "uw kind"; with none recorded, to "de ouders of voogd".
     A version already in force on the letter's date (@effective not after
     @date) is told as such ("Sinds …"), never as advance notice. Every
     material change is followed by what it means for the reader: for a
     new processor its role, what it does and which data it gets (from the
     model), for a new recipient the data and when, and so on
     (nt-explain).
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
          <xsl:variable name="first" select="position() = 1"/>
          <xsl:choose>
            <xsl:when test="@minor and c:addressee">
              <xsl:for-each select="c:addressee">
                <xsl:if test="not($first and position() = 1)"><page-break/></xsl:if>
                <xsl:call-template name="letter">
                  <xsl:with-param name="cl" select=".."/>
                  <xsl:with-param name="to" select="normalize-space(.)"/>
                </xsl:call-template>
              </xsl:for-each>
            </xsl:when>
            <xsl:otherwise>
              <xsl:if test="not($first)"><page-break/></xsl:if>
              <xsl:call-template name="letter"><xsl:with-param name="cl" select="."/></xsl:call-template>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </body>
    </doc>
  </xsl:template>

  <!-- "2023-11-14" → 20231114, for comparing dates -->
  <xsl:template name="nt-day">
    <xsl:param name="iso"/>
    <xsl:value-of select="number(translate(substring($iso, 1, 10), '-', ''))"/>
  </xsl:template>

  <!-- One letter about client $cl, to $to (a parent or guardian) or, when
       $to is empty, to the client (or, for a minor without a recorded
       parent, to "de ouders of voogd"). -->
  <xsl:template name="letter">
    <xsl:param name="cl"/>
    <xsl:param name="to" select="''"/>
    <xsl:variable name="child" select="boolean($cl/@minor)"/>
    <xsl:variable name="child-name" select="normalize-space($cl/c:name)"/>
    <xsl:variable name="eff"><xsl:call-template name="nt-day"><xsl:with-param name="iso" select="string($LET/@effective)"/></xsl:call-template></xsl:variable>
    <xsl:variable name="today"><xsl:call-template name="nt-day"><xsl:with-param name="iso" select="string($LET/@date)"/></xsl:call-template></xsl:variable>
    <xsl:variable name="in-force" select="number($eff) &lt;= number($today)"/>
    <columns>
      <column>
        <address>
          <xsl:choose>
            <xsl:when test="$to != ''"><line><xsl:value-of select="$to"/></line></xsl:when>
            <xsl:when test="$child">
              <line>
                <xsl:call-template name="str">
                  <xsl:with-param name="id" select="'diff.notify.to-parents'"/>
                  <xsl:with-param name="a1" select="$child-name"/>
                </xsl:call-template>
              </line>
            </xsl:when>
            <xsl:otherwise>
              <xsl:for-each select="$cl/c:name"><line><xsl:value-of select="normalize-space(.)"/></line></xsl:for-each>
            </xsl:otherwise>
          </xsl:choose>
          <xsl:for-each select="$cl/c:street"><line><xsl:value-of select="normalize-space(.)"/></line></xsl:for-each>
          <xsl:if test="$cl/c:postcode or $cl/c:city">
            <line><xsl:value-of select="normalize-space(concat($cl/c:postcode, '  ', $cl/c:city))"/></line>
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
          <xsl:if test="$child">
            <field>
              <xsl:attribute name="label"><xsl:call-template name="str"><xsl:with-param name="id" select="'diff.notify.about'"/></xsl:call-template></xsl:attribute>
              <xsl:value-of select="$child-name"/>
            </field>
          </xsl:if>
        </fields>
      </column>
    </columns>
    <p>
      <xsl:choose>
        <xsl:when test="$to != '' or not($child)">
          <xsl:call-template name="str">
            <xsl:with-param name="id" select="'diff.notify.dear'"/>
            <xsl:with-param name="a1">
              <xsl:choose>
                <xsl:when test="$to != ''"><xsl:value-of select="$to"/></xsl:when>
                <xsl:otherwise><xsl:value-of select="$child-name"/></xsl:otherwise>
              </xsl:choose>
            </xsl:with-param>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="str"><xsl:with-param name="id" select="'diff.notify.dear-parents'"/></xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
    </p>
    <p>
      <xsl:call-template name="str">
        <xsl:with-param name="id">
          <xsl:text>diff.notify.intro</xsl:text>
          <xsl:if test="$child">-child</xsl:if>
          <xsl:if test="$in-force">-past</xsl:if>
        </xsl:with-param>
        <xsl:with-param name="a1" select="string($LET/@version)"/>
        <xsl:with-param name="a2"><xsl:call-template name="date"><xsl:with-param name="iso" select="string($LET/@effective)"/></xsl:call-template></xsl:with-param>
        <xsl:with-param name="a3" select="$child-name"/>
      </xsl:call-template>
    </p>
    <xsl:variable name="yours">
      <xsl:call-template name="str">
        <xsl:with-param name="id">
          <xsl:text>diff.notify.yours</xsl:text>
          <xsl:if test="$child">-child</xsl:if>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="known" select="number($cl/@known)"/>
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
          <xsl:call-template name="nt-list">
            <xsl:with-param name="changes" select="."/>
            <xsl:with-param name="yours" select="string($yours)"/>
          </xsl:call-template>
          </keep>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="nt-list">
          <xsl:with-param name="changes" select="$CH"/>
          <xsl:with-param name="yours" select="string($yours)"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:if test="$CH/c:change[@material = 'yes']">
      <p>
        <xsl:call-template name="str">
          <xsl:with-param name="id" select="'diff.notify.material'"/>
          <xsl:with-param name="a1" select="string($yours)"/>
        </xsl:call-template>
      </p>
    </xsl:if>
    <xsl:if test="$cl/@minor = 'young'">
      <p>
        <xsl:call-template name="str">
          <xsl:with-param name="id" select="'diff.notify.young'"/>
          <xsl:with-param name="a1" select="$child-name"/>
        </xsl:call-template>
      </p>
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

  <!-- The changes of a change list as a list: each change's sentence
       (ch-line), a material one in bold and followed by what it means
       for the reader (nt-explain). -->
  <xsl:template name="nt-list">
    <xsl:param name="changes"/>
    <xsl:param name="yours"/>
    <ul>
      <xsl:for-each select="$changes/c:change">
        <li>
          <xsl:choose>
            <xsl:when test="@material = 'yes'">
              <p><strong><xsl:call-template name="ch-line"/></strong></p>
              <xsl:call-template name="nt-explain"><xsl:with-param name="yours" select="$yours"/></xsl:call-template>
            </xsl:when>
            <xsl:otherwise><xsl:call-template name="ch-line"/></xsl:otherwise>
          </xsl:choose>
        </li>
      </xsl:for-each>
    </ul>
  </xsl:template>

  <!-- $s without a final full stop and blanks: a model text set inside a
       sentence of ours -->
  <xsl:template name="nt-clause">
    <xsl:param name="s"/>
    <xsl:variable name="t" select="normalize-space($s)"/>
    <xsl:variable name="u">
      <xsl:choose>
        <xsl:when test="substring($t, string-length($t)) = '.'"><xsl:value-of select="substring($t, 1, string-length($t) - 1)"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$t"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:call-template name="pc-lcfirst"><xsl:with-param name="s" select="string($u)"/></xsl:call-template>
  </xsl:template>

  <!-- a string with an id made of parts, as a sentence; used by nt-explain -->
  <xsl:template name="nt-s">
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

  <!-- What a material change (context: c:change) means for the reader, as
       one paragraph, from the new model where the change names an item. -->
  <xsl:template name="nt-explain">
    <xsl:param name="yours"/>
    <xsl:variable name="name" select="normalize-space(c:name)"/>
    <xsl:variable name="pr" select="$P/p:processors/p:processor[@id = current()/@id][current()/@area = 'processor']"/>
    <xsl:variable name="rc" select="$P/p:sharing/p:recipient[@id = current()/@id][current()/@area = 'recipient']"/>
    <xsl:variable name="pu" select="$P/p:purposes/p:purpose[@id = current()/@id][current()/@area = 'purpose']"/>
    <xsl:variable name="text">
      <xsl:choose>
        <!-- a new processor: who it is, what it does, which data, on what terms -->
        <xsl:when test="$pr and @op = 'added'">
          <xsl:variable name="pname" select="normalize-space($pr/p:name)"/>
          <xsl:if test="$pr/p:processing">
            <xsl:call-template name="nt-s">
              <xsl:with-param name="id">
                <xsl:text>diff.notify.processor.does</xsl:text>
                <xsl:if test="$pr/p:role">-role</xsl:if>
              </xsl:with-param>
              <xsl:with-param name="a1" select="$pname"/>
              <xsl:with-param name="a2"><xsl:call-template name="nt-clause"><xsl:with-param name="s" select="$pr/p:role"/></xsl:call-template></xsl:with-param>
              <xsl:with-param name="a3"><xsl:call-template name="nt-clause"><xsl:with-param name="s" select="$pr/p:processing"/></xsl:call-template></xsl:with-param>
            </xsl:call-template>
            <xsl:text> </xsl:text>
          </xsl:if>
          <xsl:if test="normalize-space($pr/@categories) != ''">
            <xsl:call-template name="nt-s">
              <xsl:with-param name="id" select="'diff.notify.processor.gets'"/>
              <xsl:with-param name="a1" select="$pname"/>
              <xsl:with-param name="a3"><xsl:call-template name="pc-category-names"><xsl:with-param name="refs" select="$pr/@categories"/></xsl:call-template></xsl:with-param>
            </xsl:call-template>
            <xsl:text> </xsl:text>
          </xsl:if>
          <xsl:call-template name="nt-s">
            <xsl:with-param name="id">
              <xsl:text>diff.notify.processor.bound</xsl:text>
              <xsl:if test="$pr/@agreement = 'signed'">-signed</xsl:if>
            </xsl:with-param>
            <xsl:with-param name="a1" select="$pname"/>
          </xsl:call-template>
          <xsl:call-template name="nt-abroad"><xsl:with-param name="pr" select="$pr"/></xsl:call-template>
          <xsl:text> </xsl:text>
          <xsl:call-template name="nt-s">
            <xsl:with-param name="id" select="'diff.notify.processor.means'"/>
            <xsl:with-param name="a1" select="$pname"/>
          </xsl:call-template>
        </xsl:when>
        <!-- a new recipient: which data, when, with or without consent -->
        <xsl:when test="$rc and @op = 'added'">
          <xsl:if test="normalize-space($rc/@categories) != ''">
            <xsl:call-template name="nt-s">
              <xsl:with-param name="id" select="'diff.notify.recipient.gets'"/>
              <xsl:with-param name="a1" select="normalize-space($rc/p:name)"/>
              <xsl:with-param name="a3"><xsl:call-template name="pc-category-names"><xsl:with-param name="refs" select="$rc/@categories"/></xsl:call-template></xsl:with-param>
            </xsl:call-template>
            <xsl:text> </xsl:text>
          </xsl:if>
          <xsl:if test="$rc/p:when">
            <xsl:call-template name="nt-s">
              <xsl:with-param name="id" select="'diff.notify.recipient.when'"/>
              <xsl:with-param name="a1"><xsl:call-template name="nt-clause"><xsl:with-param name="s" select="$rc/p:when"/></xsl:call-template></xsl:with-param>
            </xsl:call-template>
            <xsl:text> </xsl:text>
          </xsl:if>
          <xsl:call-template name="nt-s">
            <xsl:with-param name="id">
              <xsl:choose>
                <xsl:when test="starts-with($rc/@consent, 'explicit')">diff.notify.recipient.consent</xsl:when>
                <xsl:otherwise>diff.notify.recipient.no-consent</xsl:otherwise>
              </xsl:choose>
            </xsl:with-param>
            <xsl:with-param name="a1" select="normalize-space($rc/p:name)"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:when test="$pu and @op = 'added'">
          <xsl:call-template name="nt-s">
            <xsl:with-param name="id" select="'diff.notify.purpose.means'"/>
            <xsl:with-param name="a2" select="$yours"/>
          </xsl:call-template>
          <xsl:if test="contains(concat(' ', normalize-space($pu/@legal-basis), ' '), ' consent ')">
            <xsl:text> </xsl:text>
            <xsl:call-template name="nt-s"><xsl:with-param name="id" select="'diff.notify.purpose.consent'"/></xsl:call-template>
          </xsl:if>
        </xsl:when>
        <xsl:when test="@why = 'transfer'">
          <xsl:call-template name="nt-s">
            <xsl:with-param name="id" select="'diff.notify.transfer.means'"/>
            <xsl:with-param name="a2" select="$yours"/>
          </xsl:call-template>
          <xsl:call-template name="nt-abroad"><xsl:with-param name="pr" select="$pr"/><xsl:with-param name="country" select="false()"/></xsl:call-template>
        </xsl:when>
        <xsl:when test="@why = 'more-data' and ($pr or $rc)">
          <xsl:call-template name="nt-s">
            <xsl:with-param name="id" select="'diff.notify.more-data.means'"/>
            <xsl:with-param name="a1" select="$name"/>
            <xsl:with-param name="a2" select="$yours"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:when test="@why = 'more-data'">
          <xsl:call-template name="nt-s">
            <xsl:with-param name="id" select="'diff.notify.more-data.purpose'"/>
            <xsl:with-param name="a2" select="$yours"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:when test="@why = 'new-category' or @why = 'new-group' or @why = 'special-data' or @why = 'longer-retention' or @why = 'minors'">
          <xsl:call-template name="nt-s">
            <xsl:with-param name="id" select="concat('diff.notify.', @why, '.means')"/>
            <xsl:with-param name="a2" select="$yours"/>
          </xsl:call-template>
        </xsl:when>
      </xsl:choose>
    </xsl:variable>
    <xsl:if test="normalize-space($text) != ''">
      <p><xsl:value-of select="normalize-space($text)"/></p>
    </xsl:if>
  </xsl:template>

  <!-- Where a processor outside the EEA processes the data, with the
       safeguard the model records (the statement's own sentence). -->
  <xsl:template name="nt-abroad">
    <xsl:param name="pr"/>
    <xsl:param name="country" select="true()"/>
    <xsl:variable name="loc" select="$pr/p:location[@eea = 'no']"/>
    <xsl:if test="$loc">
      <xsl:if test="$country">
        <xsl:text> </xsl:text>
        <xsl:call-template name="nt-s">
          <xsl:with-param name="id" select="'diff.notify.processor.abroad'"/>
          <xsl:with-param name="a1" select="normalize-space($pr/p:name)"/>
          <xsl:with-param name="a2"><xsl:call-template name="ch-country"><xsl:with-param name="code" select="string($loc/@country)"/></xsl:call-template></xsl:with-param>
        </xsl:call-template>
      </xsl:if>
      <xsl:if test="$loc/@safeguard and $loc/@safeguard != 'none'">
        <xsl:text> </xsl:text>
        <xsl:call-template name="str-opt"><xsl:with-param name="id" select="concat('privacy.transfers.safeguard.', $loc/@safeguard)"/></xsl:call-template>
      </xsl:if>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
