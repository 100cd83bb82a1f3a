<?xml version="1.0" encoding="UTF-8"?>
<!-- register.xsl — the register of processing activities (GDPR art. 30)
     from the practice model (urn:zorgdoc:practice:1) into the document
     vocabulary (urn:zorgdoc:doc:1).

     One table per processing activity (one per purposes/purpose, section
     id "activity-<purpose id>") with the rows art. 30(1) asks for: the
     controller, the purpose and its legal basis, the categories of data
     subjects and of personal data, the recipients (the processors serving
     the purpose and the third parties receiving its data), transfers
     outside the EEA, the retention periods and the security measures.
     Then the processors (id "processors"), other recipients
     ("recipients"), every retention rule ("retention") and the security
     measures ("security"); when the practice also acts as a processor
     (processor-agreement/@practice-role), the art. 30(2) record
     ("as-processor").

     It reads the same model elements, through processing-common.xsl, as
     the privacy statement and the processor agreements, so they cannot
     disagree. Wording: register.* strings of locales/<locale>.xml. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:zd="urn:zorgdoc:xslt:1"
    xmlns:p="urn:zorgdoc:practice:1"
    xmlns:d="urn:zorgdoc:doc:1"
    xmlns:l="urn:zorgdoc:locale:1"
    exclude-result-prefixes="p l zd">

  <xsl:include href="common.xsl"/>
  <xsl:include href="processing-common.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>

  <xsl:variable name="P" select="/p:practice"/>
  <xsl:variable name="I" select="$P/p:identity"/>
  <xsl:variable name="name" select="normalize-space($I/p:name[not(@parties)] | $I/p:name/@parties)"/>
  <xsl:variable name="version">
    <xsl:call-template name="str">
      <xsl:with-param name="id" select="'common.version'"/>
      <xsl:with-param name="a1" select="$P/p:policy/@version"/>
      <xsl:with-param name="a2"><xsl:call-template name="date"><xsl:with-param name="iso" select="$P/p:policy/@effective"/></xsl:call-template></xsl:with-param>
    </xsl:call-template>
  </xsl:variable>

  <xsl:template name="s">
    <xsl:param name="id"/>
    <xsl:param name="a1" select="''"/>
    <xsl:param name="a2" select="''"/>
    <xsl:call-template name="str">
      <xsl:with-param name="id" select="$id"/>
      <xsl:with-param name="a1" select="$a1"/>
      <xsl:with-param name="a2" select="$a2"/>
    </xsl:call-template>
  </xsl:template>

  <!-- after a table's repeated name on a continued page: "(vervolg)" -->
  <xsl:variable name="continued">
    <xsl:call-template name="s"><xsl:with-param name="id" select="'common.continued'"/></xsl:call-template>
  </xsl:variable>

  <xsl:template name="title">
    <xsl:param name="id"/>
    <d:title><xsl:call-template name="s"><xsl:with-param name="id" select="$id"/></xsl:call-template></d:title>
  </xsl:template>

  <!-- a two-cell row: label string id, content given -->
  <xsl:template name="row">
    <xsl:param name="label"/>
    <xsl:param name="content"/>
    <d:row>
      <d:cell><xsl:call-template name="s"><xsl:with-param name="id" select="$label"/></xsl:call-template></d:cell>
      <d:cell><xsl:copy-of select="$content"/></d:cell>
    </d:row>
  </xsl:template>

  <xsl:template match="/">
    <xsl:if test="not(p:practice)">
      <xsl:message terminate="yes">zorgdoc: register.xsl needs a practice file</xsl:message>
    </xsl:if>
    <d:doc kind="register">
      <d:meta>
        <d:title><xsl:call-template name="s"><xsl:with-param name="id" select="'register.title'"/></xsl:call-template></d:title>
        <d:subject>
          <xsl:call-template name="s">
            <xsl:with-param name="id" select="'register.subject'"/>
            <xsl:with-param name="a1" select="$name"/>
          </xsl:call-template>
        </d:subject>
        <d:author><xsl:value-of select="$name"/></d:author>
        <d:keywords><xsl:call-template name="s"><xsl:with-param name="id" select="'register.keywords'"/></xsl:call-template></d:keywords>
        <d:language><xsl:value-of select="$locale"/></d:language>
        <d:version><xsl:value-of select="$P/p:policy/@version"/></d:version>
        <d:date><xsl:value-of select="$P/p:policy/@effective"/></d:date>
      </d:meta>
      <xsl:call-template name="brand-style">
        <xsl:with-param name="qname" select="'d:style'"/>
        <xsl:with-param name="font" select="$I/p:branding/@font"/>
        <xsl:with-param name="colour" select="$I/p:branding/p:colour"/>
      </xsl:call-template>
      <d:letterhead>
        <d:name><xsl:value-of select="$name"/></d:name>
        <d:line>
          <xsl:call-template name="address-line"><xsl:with-param name="a" select="$I/p:address"/></xsl:call-template>
        </d:line>
        <xsl:if test="$I/p:kvk">
          <d:line><xsl:call-template name="s"><xsl:with-param name="id" select="'dpa.kvk-line'"/><xsl:with-param name="a1" select="normalize-space($I/p:kvk)"/></xsl:call-template></d:line>
        </xsl:if>
        <xsl:if test="$I/p:branding/p:logo">
          <d:logo href="{$I/p:branding/p:logo/@file}" alt="{$name}"/>
        </xsl:if>
      </d:letterhead>
      <d:header logo="{substring('yesno', 1 + 3 * number(not($I/p:branding/p:logo)), 3)}">
        <d:left><xsl:value-of select="$name"/></d:left>
        <d:right><xsl:call-template name="s"><xsl:with-param name="id" select="'register.title'"/></xsl:call-template></d:right>
      </d:header>
      <d:footer first="yes">
        <d:left>
          <xsl:call-template name="s">
            <xsl:with-param name="id" select="'register.footer'"/>
            <xsl:with-param name="a1" select="$name"/>
            <xsl:with-param name="a2" select="$version"/>
          </xsl:call-template>
        </d:left>
        <d:right>
          <xsl:variable name="s" select="zd:entry($L, 'common.page')"/>
          <xsl:value-of select="substring-before($s, '{1}')"/>
          <d:page/>
          <xsl:value-of select="substring-before(substring-after($s, '{1}'), '{2}')"/>
          <d:pages/>
          <xsl:value-of select="substring-after($s, '{2}')"/>
        </d:right>
      </d:footer>
      <d:body>
        <xsl:call-template name="controller"/>
        <xsl:call-template name="activities"/>
        <xsl:call-template name="processors"/>
        <xsl:call-template name="recipients"/>
        <xsl:call-template name="retention"/>
        <xsl:call-template name="security"/>
        <xsl:if test="$P/p:processor-agreement/@practice-role = 'processor'">
          <xsl:call-template name="as-processor"/>
        </xsl:if>
      </d:body>
    </d:doc>
  </xsl:template>

  <!-- ====================================================== controller -->
  <xsl:template name="controller">
    <d:section id="controller">
      <xsl:call-template name="title"><xsl:with-param name="id" select="'register.controller.title'"/></xsl:call-template>
      <d:p>
        <xsl:call-template name="s">
          <xsl:with-param name="id" select="'register.intro'"/>
          <xsl:with-param name="a1" select="$name"/>
          <xsl:with-param name="a2" select="$version"/>
        </xsl:call-template>
      </d:p>
      <d:fields>
        <xsl:call-template name="field">
          <xsl:with-param name="label" select="'register.controller.name'"/>
          <xsl:with-param name="value" select="$name"/>
        </xsl:call-template>
        <xsl:call-template name="field">
          <xsl:with-param name="label" select="'register.controller.address'"/>
          <xsl:with-param name="value">
            <xsl:call-template name="address-line"><xsl:with-param name="a" select="$I/p:address"/></xsl:call-template>
          </xsl:with-param>
        </xsl:call-template>
        <xsl:if test="$I/p:kvk">
          <xsl:call-template name="field">
            <xsl:with-param name="label" select="'register.controller.kvk'"/>
            <xsl:with-param name="value" select="normalize-space($I/p:kvk)"/>
          </xsl:call-template>
        </xsl:if>
        <xsl:call-template name="field">
          <xsl:with-param name="label" select="'register.controller.owner'"/>
          <xsl:with-param name="value">
            <xsl:value-of select="normalize-space($I/p:owner/p:name[not(@parties)] | $I/p:owner/p:name/@parties)"/>
            <xsl:if test="$I/p:owner/p:capacity"><xsl:value-of select="concat(', ', normalize-space($I/p:owner/p:capacity[not(@parties)] | $I/p:owner/p:capacity/@parties))"/></xsl:if>
          </xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="field">
          <xsl:with-param name="label" select="'register.controller.contact'"/>
          <xsl:with-param name="value">
            <xsl:call-template name="contact"/>
          </xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="field">
          <xsl:with-param name="label" select="'register.controller.dpo'"/>
          <xsl:with-param name="value">
            <xsl:choose>
              <xsl:when test="$I/p:dpo"><xsl:value-of select="concat(normalize-space($I/p:dpo/p:name), ', ', normalize-space($I/p:dpo/p:email))"/></xsl:when>
              <xsl:otherwise><xsl:call-template name="s"><xsl:with-param name="id" select="'register.controller.no-dpo'"/></xsl:call-template></xsl:otherwise>
            </xsl:choose>
          </xsl:with-param>
        </xsl:call-template>
      </d:fields>
    </d:section>
  </xsl:template>

  <xsl:template name="contact">
    <xsl:for-each select="$I/p:contact/p:email | $I/p:contact/p:phone">
      <xsl:if test="position() &gt; 1"> · </xsl:if>
      <xsl:value-of select="normalize-space(.)"/>
    </xsl:for-each>
    <xsl:if test="not($I/p:contact/*)">
      <xsl:call-template name="s"><xsl:with-param name="id" select="'register.not-recorded'"/></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template name="field">
    <xsl:param name="label"/>
    <xsl:param name="value"/>
    <d:field>
      <xsl:attribute name="label"><xsl:call-template name="s"><xsl:with-param name="id" select="$label"/></xsl:call-template></xsl:attribute>
      <xsl:value-of select="$value"/>
    </d:field>
  </xsl:template>

  <!-- ====================================================== activities -->
  <xsl:template name="activities">
    <d:section id="activities">
      <xsl:call-template name="title"><xsl:with-param name="id" select="'register.activities.title'"/></xsl:call-template>
      <d:p><xsl:call-template name="s"><xsl:with-param name="id" select="'register.activities.intro'"/></xsl:call-template></d:p>
      <xsl:for-each select="$P/p:purposes/p:purpose">
        <xsl:call-template name="activity"/>
      </xsl:for-each>
    </d:section>
  </xsl:template>

  <xsl:template name="activity">
    <xsl:variable name="pu" select="."/>
    <xsl:variable name="refs" select="concat(' ', normalize-space(@categories), ' ')"/>
    <xsl:variable name="pcats" select="$P/p:data/p:group/p:category[contains($refs, concat(' ', @id, ' '))]"/>
    <!-- processors serving this purpose: named in their @purposes, or,
         when they name no purposes, sharing a category with it -->
    <xsl:variable name="proc-ids">
      <xsl:for-each select="$P/p:processors/p:processor">
        <xsl:variable name="pc" select="concat(' ', normalize-space(@categories), ' ')"/>
        <xsl:if test="contains(concat(' ', normalize-space(@purposes), ' '), concat(' ', $pu/@id, ' '))
                      or (not(@purposes) and $pcats[contains($pc, concat(' ', @id, ' '))])">
          <xsl:value-of select="concat(' ', @id, ' ')"/>
        </xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="procs" select="$P/p:processors/p:processor[contains($proc-ids, concat(' ', @id, ' '))]"/>
    <xsl:variable name="rec-ids">
      <xsl:for-each select="$P/p:sharing/p:recipient">
        <xsl:variable name="rc" select="concat(' ', normalize-space(@categories), ' ')"/>
        <xsl:if test="$pcats[contains($rc, concat(' ', @id, ' '))]">
          <xsl:value-of select="concat(' ', @id, ' ')"/>
        </xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="recs" select="$P/p:sharing/p:recipient[contains($rec-ids, concat(' ', @id, ' '))]"/>
    <xsl:variable name="rule-ids">
      <xsl:for-each select="$P/p:retention/p:rule">
        <xsl:variable name="rc" select="concat(' ', normalize-space(@categories), ' ')"/>
        <xsl:if test="$pcats[contains($rc, concat(' ', @id, ' '))]">
          <xsl:value-of select="concat(' ', @id, ' ')"/>
        </xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="rules" select="$P/p:retention/p:rule[contains($rule-ids, concat(' ', @id, ' '))]"/>
    <xsl:variable name="transfers" select="$procs/p:location[@eea = 'no'] | $procs/p:sub-processor/p:location[@eea = 'no']"/>

    <d:section id="activity-{@id}">
      <d:title><xsl:value-of select="normalize-space(p:name[not(@parties)] | p:name/@parties)"/></d:title>
      <d:table rules="rows" continued="{$continued}">
        <d:col width="30%"/><d:col width="70%"/>
        <d:tbody>
          <xsl:call-template name="row">
            <xsl:with-param name="label" select="'register.row.controller'"/>
            <xsl:with-param name="content">
              <xsl:value-of select="$name"/>
              <xsl:text>, </xsl:text>
              <xsl:call-template name="contact"/>
            </xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="row">
            <xsl:with-param name="label" select="'register.row.purpose'"/>
            <xsl:with-param name="content">
              <xsl:value-of select="normalize-space(p:name[not(@parties)] | p:name/@parties)"/>
              <xsl:if test="p:description"><xsl:value-of select="concat('. ', normalize-space(p:description[not(@parties)] | p:description/@parties))"/></xsl:if>
            </xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="row">
            <xsl:with-param name="label" select="'register.row.basis'"/>
            <xsl:with-param name="content">
              <xsl:call-template name="proc-legal-basis"/>
              <xsl:if test="p:legitimate-interest"><xsl:value-of select="concat('. ', normalize-space(p:legitimate-interest[not(@parties)] | p:legitimate-interest/@parties))"/></xsl:if>
            </xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="row">
            <xsl:with-param name="label" select="'register.row.subjects'"/>
            <xsl:with-param name="content">
              <xsl:choose>
                <xsl:when test="$pcats">
                  <xsl:call-template name="join"><xsl:with-param name="items" select="$P/p:data/p:group[p:category[count(. | $pcats) = count($pcats)]]/p:name[not(@parties)] | $P/p:data/p:group[p:category[count(. | $pcats) = count($pcats)]]/p:name/@parties"/></xsl:call-template>
                </xsl:when>
                <xsl:otherwise><xsl:call-template name="s"><xsl:with-param name="id" select="'register.not-recorded'"/></xsl:call-template></xsl:otherwise>
              </xsl:choose>
            </xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="row">
            <xsl:with-param name="label" select="'register.row.data'"/>
            <xsl:with-param name="content">
              <xsl:choose>
                <xsl:when test="$pcats">
                  <xsl:call-template name="proc-category-list"><xsl:with-param name="refs" select="@categories"/></xsl:call-template>
                </xsl:when>
                <xsl:otherwise><xsl:call-template name="s"><xsl:with-param name="id" select="'register.not-recorded'"/></xsl:call-template></xsl:otherwise>
              </xsl:choose>
            </xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="row">
            <xsl:with-param name="label" select="'register.row.recipients'"/>
            <xsl:with-param name="content">
              <xsl:choose>
                <xsl:when test="$procs or $recs">
                  <d:ul>
                    <xsl:for-each select="$procs">
                      <d:li>
                        <xsl:call-template name="s">
                          <xsl:with-param name="id" select="'register.recipient.processor'"/>
                          <xsl:with-param name="a1" select="normalize-space(p:name[not(@parties)] | p:name/@parties)"/>
                          <xsl:with-param name="a2" select="normalize-space(p:role[not(@parties)] | p:role/@parties)"/>
                        </xsl:call-template>
                      </d:li>
                    </xsl:for-each>
                    <xsl:for-each select="$recs">
                      <d:li>
                        <xsl:call-template name="s">
                          <xsl:with-param name="id" select="'register.recipient.third'"/>
                          <xsl:with-param name="a1" select="normalize-space(p:name[not(@parties)] | p:name/@parties)"/>
                        </xsl:call-template>
                      </d:li>
                    </xsl:for-each>
                  </d:ul>
                </xsl:when>
                <xsl:otherwise><xsl:call-template name="s"><xsl:with-param name="id" select="'register.recipients.none'"/></xsl:call-template></xsl:otherwise>
              </xsl:choose>
            </xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="row">
            <xsl:with-param name="label" select="'register.row.transfers'"/>
            <xsl:with-param name="content">
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
                <xsl:otherwise><xsl:call-template name="s"><xsl:with-param name="id" select="'register.transfers.none'"/></xsl:call-template></xsl:otherwise>
              </xsl:choose>
            </xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="row">
            <xsl:with-param name="label" select="'register.row.retention'"/>
            <xsl:with-param name="content">
              <xsl:choose>
                <xsl:when test="$rules">
                  <d:ul>
                    <xsl:for-each select="$rules">
                      <d:li>
                        <xsl:value-of select="concat(normalize-space(p:name[not(@parties)] | p:name/@parties), ': ')"/>
                        <xsl:call-template name="proc-retention-term"/>
                      </d:li>
                    </xsl:for-each>
                  </d:ul>
                </xsl:when>
                <xsl:otherwise>
                  <xsl:call-template name="s"><xsl:with-param name="id" select="'register.retention.see'"/></xsl:call-template>
                  <xsl:text> </xsl:text>
                  <d:ref to="retention"/>
                  <xsl:text>.</xsl:text>
                </xsl:otherwise>
              </xsl:choose>
            </xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="row">
            <xsl:with-param name="label" select="'register.row.security'"/>
            <xsl:with-param name="content">
              <xsl:call-template name="s"><xsl:with-param name="id" select="'register.security.see'"/></xsl:call-template>
              <xsl:text> </xsl:text>
              <d:ref to="security"/>
              <xsl:text>.</xsl:text>
            </xsl:with-param>
          </xsl:call-template>
        </d:tbody>
      </d:table>
    </d:section>
  </xsl:template>

  <!-- ====================================================== processors -->
  <xsl:template name="processors">
    <d:section id="processors">
      <xsl:call-template name="title"><xsl:with-param name="id" select="'register.processors.title'"/></xsl:call-template>
      <xsl:choose>
        <xsl:when test="$P/p:processors/p:processor">
          <d:table rules="rows" continued="{$continued}">
            <d:col width="2*"/><d:col width="3*"/><d:col width="2*"/><d:col width="2*"/>
            <d:thead>
              <d:row>
                <d:cell><xsl:call-template name="s"><xsl:with-param name="id" select="'register.processors.col.name'"/></xsl:call-template></d:cell>
                <d:cell><xsl:call-template name="s"><xsl:with-param name="id" select="'register.processors.col.what'"/></xsl:call-template></d:cell>
                <d:cell><xsl:call-template name="s"><xsl:with-param name="id" select="'register.processors.col.where'"/></xsl:call-template></d:cell>
                <d:cell><xsl:call-template name="s"><xsl:with-param name="id" select="'register.processors.col.agreement'"/></xsl:call-template></d:cell>
              </d:row>
            </d:thead>
            <d:tbody>
              <xsl:for-each select="$P/p:processors/p:processor">
                <d:row>
                  <d:cell><xsl:value-of select="normalize-space(p:name[not(@parties)] | p:name/@parties)"/></d:cell>
                  <d:cell>
                    <xsl:value-of select="concat(normalize-space(p:role[not(@parties)] | p:role/@parties), '. ', normalize-space(p:processing[not(@parties)] | p:processing/@parties))"/>
                    <xsl:if test="p:sub-processor">
                      <xsl:text> </xsl:text>
                      <xsl:call-template name="s">
                        <xsl:with-param name="id" select="'register.processors.subs'"/>
                        <xsl:with-param name="a1"><xsl:call-template name="join"><xsl:with-param name="items" select="p:sub-processor/p:name"/></xsl:call-template></xsl:with-param>
                      </xsl:call-template>
                    </xsl:if>
                  </d:cell>
                  <d:cell><xsl:call-template name="proc-location"/></d:cell>
                  <d:cell>
                    <xsl:call-template name="s"><xsl:with-param name="id" select="concat('register.agreement.', @agreement)"/></xsl:call-template>
                    <xsl:if test="@agreement-date">
                      <xsl:text> </xsl:text>
                      <xsl:call-template name="s">
                        <xsl:with-param name="id" select="'register.agreement.date'"/>
                        <xsl:with-param name="a1"><xsl:call-template name="date"><xsl:with-param name="iso" select="@agreement-date"/></xsl:call-template></xsl:with-param>
                      </xsl:call-template>
                    </xsl:if>
                  </d:cell>
                </d:row>
              </xsl:for-each>
            </d:tbody>
          </d:table>
        </xsl:when>
        <xsl:otherwise>
          <d:p><xsl:call-template name="s"><xsl:with-param name="id" select="'register.processors.none'"/></xsl:call-template></d:p>
        </xsl:otherwise>
      </xsl:choose>
    </d:section>
  </xsl:template>

  <!-- ====================================================== recipients -->
  <xsl:template name="recipients">
    <xsl:if test="$P/p:sharing/p:recipient">
      <d:section id="recipients">
        <xsl:call-template name="title"><xsl:with-param name="id" select="'register.recipients.title'"/></xsl:call-template>
        <d:table rules="rows" continued="{$continued}">
          <d:col width="2*"/><d:col width="3*"/><d:col width="3*"/>
          <d:thead>
            <d:row>
              <d:cell><xsl:call-template name="s"><xsl:with-param name="id" select="'register.recipients.col.name'"/></xsl:call-template></d:cell>
              <d:cell><xsl:call-template name="s"><xsl:with-param name="id" select="'register.recipients.col.when'"/></xsl:call-template></d:cell>
              <d:cell><xsl:call-template name="s"><xsl:with-param name="id" select="'register.recipients.col.basis'"/></xsl:call-template></d:cell>
            </d:row>
          </d:thead>
          <d:tbody>
            <xsl:for-each select="$P/p:sharing/p:recipient">
              <d:row>
                <d:cell><xsl:value-of select="normalize-space(p:name[not(@parties)] | p:name/@parties)"/></d:cell>
                <d:cell>
                  <xsl:value-of select="normalize-space(p:when[not(@parties)] | p:when/@parties)"/>
                  <xsl:if test="p:when and p:description"><xsl:text> </xsl:text></xsl:if>
                  <xsl:value-of select="normalize-space(p:description[not(@parties)] | p:description/@parties)"/>
                </d:cell>
                <d:cell>
                  <xsl:call-template name="proc-legal-basis"/>
                  <xsl:text>; </xsl:text>
                  <xsl:call-template name="s"><xsl:with-param name="id" select="concat('register.consent.', @consent)"/></xsl:call-template>
                </d:cell>
              </d:row>
            </xsl:for-each>
          </d:tbody>
        </d:table>
      </d:section>
    </xsl:if>
  </xsl:template>

  <!-- ======================================================= retention -->
  <xsl:template name="retention">
    <d:section id="retention">
      <xsl:call-template name="title"><xsl:with-param name="id" select="'register.retention.title'"/></xsl:call-template>
      <d:table rules="rows" continued="{$continued}">
        <d:col width="2*"/><d:col width="3*"/>
        <d:thead>
          <d:row>
            <d:cell><xsl:call-template name="s"><xsl:with-param name="id" select="'dpa.annex1.retention.col.what'"/></xsl:call-template></d:cell>
            <d:cell><xsl:call-template name="s"><xsl:with-param name="id" select="'dpa.annex1.retention.col.term'"/></xsl:call-template></d:cell>
          </d:row>
        </d:thead>
        <d:tbody>
          <xsl:call-template name="proc-retention-rows"><xsl:with-param name="rules" select="$P/p:retention/p:rule"/></xsl:call-template>
        </d:tbody>
      </d:table>
    </d:section>
  </xsl:template>

  <!-- ======================================================== security -->
  <xsl:template name="security">
    <d:section id="security">
      <xsl:call-template name="title"><xsl:with-param name="id" select="'register.security.title'"/></xsl:call-template>
      <d:p><xsl:call-template name="s"><xsl:with-param name="id" select="'register.security.intro'"/></xsl:call-template></d:p>
      <xsl:for-each select="$P/p:security/p:measure[@kind = 'technical'][1] | $P/p:security/p:measure[@kind = 'organisational'][1] | $P/p:security/p:measure[not(@kind)][1]">
        <xsl:variable name="kind" select="string(@kind)"/>
        <d:p>
          <d:strong>
            <xsl:call-template name="s"><xsl:with-param name="id" select="concat('dpa.annex2.kind.', substring('other', 1, 5 * number($kind = '')), $kind)"/></xsl:call-template>
          </d:strong>
        </d:p>
        <d:ul>
          <xsl:for-each select="$P/p:security/p:measure[string(@kind) = $kind]">
            <d:li><xsl:value-of select="normalize-space(self::*[not(@parties)] | @parties)"/></d:li>
          </xsl:for-each>
        </d:ul>
      </xsl:for-each>
      <xsl:if test="$P/p:communication/p:channel">
        <d:p><d:strong><xsl:call-template name="s"><xsl:with-param name="id" select="'dpa.annex2.communication'"/></xsl:call-template></d:strong></d:p>
        <d:ul>
          <xsl:for-each select="$P/p:communication/p:channel">
            <d:li><xsl:value-of select="concat(normalize-space(p:name[not(@parties)] | p:name/@parties), ': ', normalize-space(p:security[not(@parties)] | p:security/@parties))"/></d:li>
          </xsl:for-each>
        </d:ul>
      </xsl:if>
    </d:section>
  </xsl:template>

  <!-- ================================================== art. 30(2) -->
  <xsl:template name="as-processor">
    <d:section id="as-processor">
      <xsl:call-template name="title"><xsl:with-param name="id" select="'register.as-processor.title'"/></xsl:call-template>
      <d:p><xsl:call-template name="s"><xsl:with-param name="id" select="'register.as-processor.intro'"/></xsl:call-template></d:p>
      <d:table rules="rows" continued="{$continued}">
        <d:col width="30%"/><d:col width="70%"/>
        <d:tbody>
          <xsl:call-template name="row">
            <xsl:with-param name="label" select="'register.as-processor.processor'"/>
            <xsl:with-param name="content">
              <xsl:value-of select="$name"/><xsl:text>, </xsl:text><xsl:call-template name="contact"/>
            </xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="row">
            <xsl:with-param name="label" select="'register.as-processor.controllers'"/>
            <xsl:with-param name="content"><xsl:call-template name="s"><xsl:with-param name="id" select="'register.as-processor.controllers.text'"/></xsl:call-template></xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="row">
            <xsl:with-param name="label" select="'register.as-processor.categories'"/>
            <xsl:with-param name="content">
              <xsl:call-template name="join"><xsl:with-param name="items" select="$P/p:purposes/p:purpose/p:name[not(@parties)] | $P/p:purposes/p:purpose/p:name/@parties"/></xsl:call-template>
            </xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="row">
            <xsl:with-param name="label" select="'register.as-processor.subprocessors'"/>
            <xsl:with-param name="content">
              <xsl:choose>
                <xsl:when test="$P/p:processors/p:processor">
                  <xsl:call-template name="join"><xsl:with-param name="items" select="$P/p:processors/p:processor/p:name"/></xsl:call-template>
                </xsl:when>
                <xsl:otherwise><xsl:call-template name="s"><xsl:with-param name="id" select="'register.recipients.none'"/></xsl:call-template></xsl:otherwise>
              </xsl:choose>
            </xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="row">
            <xsl:with-param name="label" select="'register.row.transfers'"/>
            <xsl:with-param name="content">
              <xsl:variable name="t" select="$P/p:processors/p:processor/p:location[@eea = 'no'] | $P/p:processors/p:processor/p:sub-processor/p:location[@eea = 'no']"/>
              <xsl:choose>
                <xsl:when test="$t">
                  <d:ul>
                    <xsl:for-each select="$t">
                      <d:li>
                        <xsl:value-of select="concat(normalize-space(../p:name[not(@parties)] | ../p:name/@parties), ': ')"/>
                        <xsl:call-template name="proc-location"><xsl:with-param name="loc" select="."/></xsl:call-template>
                      </d:li>
                    </xsl:for-each>
                  </d:ul>
                </xsl:when>
                <xsl:otherwise><xsl:call-template name="s"><xsl:with-param name="id" select="'register.transfers.none'"/></xsl:call-template></xsl:otherwise>
              </xsl:choose>
            </xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="row">
            <xsl:with-param name="label" select="'register.row.security'"/>
            <xsl:with-param name="content">
              <xsl:call-template name="s"><xsl:with-param name="id" select="'register.security.see'"/></xsl:call-template>
              <xsl:text> </xsl:text>
              <d:ref to="security"/>
              <xsl:text>.</xsl:text>
            </xsl:with-param>
          </xsl:call-template>
        </d:tbody>
      </d:table>
    </d:section>
  </xsl:template>
</xsl:stylesheet>
