<?xml version="1.0" encoding="UTF-8"?>
<!-- client-export.xsl — a client export (urn:zorgdoc:client-export:1,
     schema/client-export.rng, made by `zorgdoc client export`) → a readable
     overview in the document vocabulary: everything the dossier store holds
     on one client (AVG art. 15), beside the XML file that is the
     machine-readable copy (art. 20). Sections: personal data, guardians,
     treatments with notes, consents, invoices, documents, the audit log.

     In: the export alone, or (client export with a practice) the practice
     model (urn:zorgdoc:practice:1) with the export as the last child of
     its root. With the practice the overview has the practice's
     letterhead, brand colour and form of address (policy/@address), and a
     last section with what art. 15(1)(a)-(h) and 15(2) add to the data:
     the controller, purposes, categories, sources, recipients, transfers
     outside the EEA with their safeguards, retention, the rights, the
     complaint to the AP and automated decisions. Those are the privacy
     statement's own sections (privacy.xsl, imported), so the two
     documents word the same facts the same way, passages included.

     What a client reads holds no store row ids (the XML keeps them, the
     schema needs them): the client is named by name (or client number),
     an audit entry's record by what it is (the treatment's date, the
     invoice's number), and who did it by the practitioner's name (the
     practice owner, or the controller's therapist in the export) instead
     of the computer account; where the log holds several accounts, the
     account follows the name. The dossier was opened on the first
     treatment's date or the client's creation, whichever is earlier.

     Every word comes from locales/ (export.*, privacy.*). Template names
     here start with ex- (privacy.xsl's names must not be overridden). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:zd="urn:zorgdoc:xslt:1"
    xmlns:x="urn:zorgdoc:client-export:1"
    xmlns:d="urn:zorgdoc:doc:1"
    xmlns:l="urn:zorgdoc:locale:1"
    xmlns:p="urn:zorgdoc:practice:1"
    exclude-result-prefixes="x l zd p">

  <xsl:import href="privacy.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>

  <xsl:variable name="E" select="/x:client-export | /p:practice/x:client-export"/>
  <xsl:variable name="C" select="$E/x:client"/>
  <!-- how the client is named where an id was: name, else client number -->
  <xsl:variable name="who">
    <xsl:choose>
      <xsl:when test="normalize-space($C/x:name) != ''"><xsl:value-of select="normalize-space($C/x:name)"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="normalize-space($C/x:ref)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <!-- who worked in the dossier: the practitioner, not the account -->
  <xsl:variable name="practitioner" select="normalize-space(($ID/p:owner/p:name | $E/x:controller/x:therapist)[1])"/>
  <xsl:variable name="one-account" select="not($E/x:audit/x:entry[x:user != $E/x:audit/x:entry[1]/x:user])"/>
  <!-- the statement's sections sit inside one of ours: not numbered -->
  <xsl:variable name="sec-numbered" select="false()"/>

  <xsl:template name="ex-s">
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

  <!-- "2023-11-04" or "2023-11-04T10:00:00Z" → "04-11-2023" (tables) -->
  <xsl:template name="ex-short-date">
    <xsl:param name="iso"/>
    <xsl:value-of select="concat(substring($iso, 9, 2), '-', substring($iso, 6, 2), '-', substring($iso, 1, 4))"/>
    <xsl:if test="string-length($iso) &gt; 10">
      <xsl:value-of select="concat(' ', substring($iso, 12, 5))"/>
    </xsl:if>
  </xsl:template>

  <xsl:template name="ex-money-of">
    <xsl:param name="cents"/>
    <xsl:call-template name="money"><xsl:with-param name="cents" select="$cents"/></xsl:call-template>
  </xsl:template>

  <xsl:template name="ex-head">
    <xsl:param name="ids"/>
    <d:thead>
      <d:row>
        <xsl:call-template name="ex-head-cells"><xsl:with-param name="ids" select="$ids"/></xsl:call-template>
      </d:row>
    </d:thead>
  </xsl:template>

  <!-- one header cell per space-separated string id -->
  <xsl:template name="ex-head-cells">
    <xsl:param name="ids"/>
    <xsl:variable name="first" select="substring-before(concat(normalize-space($ids), ' '), ' ')"/>
    <xsl:if test="$first != ''">
      <d:cell><xsl:call-template name="ex-s"><xsl:with-param name="id" select="$first"/></xsl:call-template></d:cell>
      <xsl:call-template name="ex-head-cells">
        <xsl:with-param name="ids" select="substring-after(normalize-space($ids), ' ')"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template name="ex-none">
    <d:p><xsl:call-template name="ex-s"><xsl:with-param name="id" select="'export.none'"/></xsl:call-template></d:p>
  </xsl:template>

  <xsl:template name="ex-field">
    <xsl:param name="label-id"/>
    <xsl:param name="value"/>
    <xsl:if test="string($value) != ''">
      <d:field>
        <xsl:attribute name="label">
          <xsl:call-template name="ex-s"><xsl:with-param name="id" select="$label-id"/></xsl:call-template>
        </xsl:attribute>
        <xsl:value-of select="$value"/>
      </d:field>
    </xsl:if>
  </xsl:template>

  <xsl:template match="/">
    <xsl:if test="not($E)">
      <xsl:message terminate="yes">zorgdoc: client-export.xsl needs a client export (urn:zorgdoc:client-export:1)</xsl:message>
    </xsl:if>
    <xsl:variable name="title">
      <xsl:call-template name="ex-s"><xsl:with-param name="id" select="'export.title'"/></xsl:call-template>
    </xsl:variable>
    <xsl:variable name="date">
      <xsl:call-template name="date"><xsl:with-param name="iso" select="$E/x:date"/></xsl:call-template>
    </xsl:variable>
    <d:doc kind="register">
      <d:meta>
        <d:title><xsl:value-of select="$title"/></d:title>
        <d:subject>
          <xsl:call-template name="ex-s">
            <xsl:with-param name="id" select="'export.subject'"/>
            <xsl:with-param name="a1" select="$who"/>
          </xsl:call-template>
        </d:subject>
        <xsl:if test="$P"><d:author><xsl:value-of select="$name"/></d:author></xsl:if>
        <d:language><xsl:value-of select="$locale"/></d:language>
        <d:date><xsl:value-of select="$E/x:date"/></d:date>
      </d:meta>
      <xsl:if test="$P">
        <xsl:call-template name="pc-style"/>
        <xsl:call-template name="pc-letterhead"/>
        <xsl:call-template name="pc-header"><xsl:with-param name="title" select="string($title)"/></xsl:call-template>
      </xsl:if>
      <d:footer first="yes">
        <d:left>
          <xsl:variable name="footer">
            <xsl:call-template name="ex-s">
              <xsl:with-param name="id" select="'export.footer'"/>
              <xsl:with-param name="a1" select="$who"/>
              <xsl:with-param name="a2" select="$date"/>
            </xsl:call-template>
          </xsl:variable>
          <xsl:value-of select="normalize-space($footer)"/>
        </d:left>
        <d:right><xsl:call-template name="pc-page-of"/></d:right>
      </d:footer>
      <d:body>
        <d:p>
          <xsl:choose>
            <xsl:when test="$P">
              <xsl:call-template name="ex-s">
                <xsl:with-param name="id" select="'export.intro.practice'"/>
                <xsl:with-param name="a1" select="$date"/>
                <xsl:with-param name="a3" select="$name"/>
              </xsl:call-template>
            </xsl:when>
            <xsl:otherwise>
              <xsl:call-template name="ex-s">
                <xsl:with-param name="id" select="'export.intro'"/>
                <xsl:with-param name="a1" select="$date"/>
              </xsl:call-template>
            </xsl:otherwise>
          </xsl:choose>
        </d:p>
        <xsl:if test="$C/x:erased">
          <d:note>
            <xsl:call-template name="ex-s">
              <xsl:with-param name="id" select="'export.erased'"/>
              <xsl:with-param name="a1"><xsl:call-template name="date"><xsl:with-param name="iso" select="$C/x:erased"/></xsl:call-template></xsl:with-param>
            </xsl:call-template>
          </d:note>
        </xsl:if>
        <xsl:call-template name="ex-personal"/>
        <xsl:call-template name="ex-treatments"/>
        <xsl:call-template name="ex-consents"/>
        <xsl:call-template name="ex-invoices"/>
        <xsl:call-template name="ex-documents"/>
        <xsl:call-template name="ex-audit"/>
        <xsl:if test="$P"><xsl:call-template name="ex-art15"/></xsl:if>
      </d:body>
    </d:doc>
  </xsl:template>

  <!-- What art. 15(1) and (2) give the client besides the data, as the
       privacy statement words it (its sections, unnumbered, one level
       down): who holds the data (a), purposes (a), categories (b),
       sources (g), recipients (c), transfers and safeguards (c, 15(2)),
       retention (d), rights (e), complaint to the AP (f), automated
       decisions (h). -->
  <xsl:template name="ex-art15">
    <d:section id="art15">
      <d:title>
        <xsl:call-template name="ex-s">
          <xsl:with-param name="id" select="'export.art15.title'"/>
          <xsl:with-param name="a1" select="$name"/>
        </xsl:call-template>
      </d:title>
      <d:p>
        <xsl:call-template name="ex-s">
          <xsl:with-param name="id" select="'export.art15.intro'"/>
          <xsl:with-param name="a1" select="$name"/>
          <xsl:with-param name="a2" select="normalize-space($P/p:policy/@version)"/>
          <xsl:with-param name="a3"><xsl:call-template name="date"><xsl:with-param name="iso" select="$P/p:policy/@effective"/></xsl:call-template></xsl:with-param>
        </xsl:call-template>
      </d:p>
      <xsl:call-template name="s-controller"/>
      <xsl:call-template name="s-purposes"/>
      <xsl:call-template name="s-data"/>
      <xsl:call-template name="s-sources"/>
      <xsl:call-template name="s-recipients"/>
      <xsl:call-template name="s-transfers"/>
      <xsl:call-template name="s-retention"/>
      <xsl:call-template name="s-rights"/>
      <xsl:call-template name="s-complaints"/>
      <xsl:call-template name="s-automated"/>
    </d:section>
  </xsl:template>

  <!-- the day the dossier was opened: the first treatment (the intake),
       or the day the client was entered when that was earlier -->
  <xsl:variable name="first-treatment" select="string($E/x:treatments/x:treatment[1]/x:date)"/>
  <xsl:variable name="opened">
    <xsl:choose>
      <xsl:when test="$first-treatment != '' and number(translate($first-treatment, '-', '')) &lt; number(translate(substring($C/x:created, 1, 10), '-', ''))">
        <xsl:value-of select="$first-treatment"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="substring($C/x:created, 1, 10)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <xsl:template name="ex-personal">
    <d:section id="personal">
      <d:title><xsl:call-template name="ex-s"><xsl:with-param name="id" select="'export.personal.title'"/></xsl:call-template></d:title>
      <d:fields>
        <xsl:for-each select="$C/x:ref | $C/x:name | $C/x:street | $C/x:postcode | $C/x:city | $C/x:country | $C/x:birth-date | $C/x:email | $C/x:phone | $C/x:insurer | $C/x:policy-number | $C/x:bsn | $C/x:guardian">
          <xsl:call-template name="ex-field">
            <xsl:with-param name="label-id" select="concat('export.field.', local-name())"/>
            <xsl:with-param name="value">
              <xsl:choose>
                <xsl:when test="local-name() = 'birth-date'"><xsl:call-template name="date"><xsl:with-param name="iso" select="."/></xsl:call-template></xsl:when>
                <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
              </xsl:choose>
            </xsl:with-param>
          </xsl:call-template>
        </xsl:for-each>
        <xsl:call-template name="ex-field">
          <xsl:with-param name="label-id" select="'export.field.created'"/>
          <xsl:with-param name="value"><xsl:call-template name="ex-short-date"><xsl:with-param name="iso" select="$opened"/></xsl:call-template></xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="ex-field">
          <xsl:with-param name="label-id" select="'export.field.content-changed'"/>
          <xsl:with-param name="value"><xsl:call-template name="ex-short-date"><xsl:with-param name="iso" select="$C/x:content-changed"/></xsl:call-template></xsl:with-param>
        </xsl:call-template>
        <xsl:if test="$C/x:pdf-password-created">
          <xsl:call-template name="ex-field">
            <xsl:with-param name="label-id" select="'export.field.pdf-password'"/>
            <xsl:with-param name="value"><xsl:call-template name="ex-short-date"><xsl:with-param name="iso" select="$C/x:pdf-password-created"/></xsl:call-template></xsl:with-param>
          </xsl:call-template>
        </xsl:if>
      </d:fields>
    </d:section>
  </xsl:template>

  <xsl:template name="ex-treatments">
    <d:section id="treatments">
      <d:title><xsl:call-template name="ex-s"><xsl:with-param name="id" select="'export.treatments.title'"/></xsl:call-template></d:title>
      <xsl:choose>
        <xsl:when test="$E/x:treatments/x:treatment">
          <d:table rules="rows">
            <d:col width="22mm"/><d:col width="20mm"/><d:col width="4*"/><d:col width="24mm" align="numeric"/><d:col width="24mm"/>
            <xsl:call-template name="ex-head">
              <xsl:with-param name="ids" select="'export.col.date export.col.code export.col.description export.col.amount export.col.invoice'"/>
            </xsl:call-template>
            <d:tbody>
              <xsl:for-each select="$E/x:treatments/x:treatment">
                <d:row>
                  <d:cell><xsl:call-template name="ex-short-date"><xsl:with-param name="iso" select="x:date"/></xsl:call-template></d:cell>
                  <d:cell><xsl:value-of select="x:prestatiecode"/></d:cell>
                  <d:cell>
                    <xsl:value-of select="x:description"/>
                    <xsl:if test="x:note">
                      <xsl:text> — </xsl:text>
                      <xsl:call-template name="ex-s">
                        <xsl:with-param name="id" select="'export.note'"/>
                        <xsl:with-param name="a1" select="x:note"/>
                      </xsl:call-template>
                    </xsl:if>
                  </d:cell>
                  <d:cell><xsl:call-template name="ex-money-of"><xsl:with-param name="cents" select="x:amount-cents"/></xsl:call-template></d:cell>
                  <d:cell><xsl:value-of select="(x:invoice | x:purged-invoice)[1]"/></d:cell>
                </d:row>
              </xsl:for-each>
            </d:tbody>
          </d:table>
        </xsl:when>
        <xsl:otherwise><xsl:call-template name="ex-none"/></xsl:otherwise>
      </xsl:choose>
    </d:section>
  </xsl:template>

  <xsl:template name="ex-consents">
    <d:section id="consents">
      <d:title><xsl:call-template name="ex-s"><xsl:with-param name="id" select="'export.consents.title'"/></xsl:call-template></d:title>
      <xsl:choose>
        <xsl:when test="$E/x:consents/x:consent">
          <d:table rules="rows">
            <d:col width="22mm"/><d:col width="4*"/><d:col width="2*"/><d:col width="2*"/>
            <xsl:call-template name="ex-head">
              <xsl:with-param name="ids" select="'export.col.date export.col.what export.col.by export.col.document'"/>
            </xsl:call-template>
            <d:tbody>
              <xsl:for-each select="$E/x:consents/x:consent">
                <d:row>
                  <d:cell><xsl:call-template name="ex-short-date"><xsl:with-param name="iso" select="x:date"/></xsl:call-template></d:cell>
                  <d:cell>
                    <xsl:value-of select="x:what"/>
                    <xsl:if test="x:withdrawn">
                      <xsl:text> </xsl:text>
                      <xsl:call-template name="ex-s">
                        <xsl:with-param name="id" select="'export.withdrawn'"/>
                        <xsl:with-param name="a1"><xsl:call-template name="ex-short-date"><xsl:with-param name="iso" select="x:withdrawn"/></xsl:call-template></xsl:with-param>
                      </xsl:call-template>
                    </xsl:if>
                  </d:cell>
                  <d:cell><xsl:value-of select="x:given-by"/></d:cell>
                  <d:cell><xsl:value-of select="normalize-space(concat(x:document-kind, ' ', x:document-version))"/></d:cell>
                </d:row>
              </xsl:for-each>
            </d:tbody>
          </d:table>
        </xsl:when>
        <xsl:otherwise><xsl:call-template name="ex-none"/></xsl:otherwise>
      </xsl:choose>
    </d:section>
  </xsl:template>

  <xsl:template name="ex-invoices">
    <d:section id="invoices">
      <d:title><xsl:call-template name="ex-s"><xsl:with-param name="id" select="'export.invoices.title'"/></xsl:call-template></d:title>
      <xsl:choose>
        <xsl:when test="$E/x:invoices/x:invoice">
          <d:table rules="rows">
            <d:col width="3*"/><d:col width="22mm"/><d:col width="3*"/><d:col width="28mm" align="numeric"/>
            <xsl:call-template name="ex-head">
              <xsl:with-param name="ids" select="'export.col.number export.col.date export.col.kind export.col.amount'"/>
            </xsl:call-template>
            <d:tbody>
              <xsl:for-each select="$E/x:invoices/x:invoice">
                <d:row>
                  <d:cell><xsl:value-of select="x:number"/></d:cell>
                  <d:cell><xsl:call-template name="ex-short-date"><xsl:with-param name="iso" select="x:date"/></xsl:call-template></d:cell>
                  <d:cell>
                    <xsl:call-template name="ex-s">
                      <xsl:with-param name="id" select="concat('export.kind.', x:kind)"/>
                      <xsl:with-param name="a1" select="x:credits"/>
                    </xsl:call-template>
                  </d:cell>
                  <d:cell><xsl:call-template name="ex-money-of"><xsl:with-param name="cents" select="x:total-cents"/></xsl:call-template></d:cell>
                </d:row>
              </xsl:for-each>
            </d:tbody>
          </d:table>
        </xsl:when>
        <xsl:otherwise><xsl:call-template name="ex-none"/></xsl:otherwise>
      </xsl:choose>
    </d:section>
  </xsl:template>

  <xsl:template name="ex-documents">
    <d:section id="documents">
      <d:title><xsl:call-template name="ex-s"><xsl:with-param name="id" select="'export.documents.title'"/></xsl:call-template></d:title>
      <xsl:choose>
        <xsl:when test="$E/x:documents/x:document">
          <d:table rules="rows">
            <d:col width="22mm"/><d:col width="3*"/><d:col width="2*"/><d:col width="3*"/>
            <xsl:call-template name="ex-head">
              <xsl:with-param name="ids" select="'export.col.date export.col.kind export.col.version export.col.invoice'"/>
            </xsl:call-template>
            <d:tbody>
              <xsl:for-each select="$E/x:documents/x:document">
                <d:row>
                  <d:cell><xsl:call-template name="ex-short-date"><xsl:with-param name="iso" select="x:date"/></xsl:call-template></d:cell>
                  <d:cell><xsl:value-of select="x:kind"/></d:cell>
                  <d:cell><xsl:value-of select="x:version"/></d:cell>
                  <d:cell><xsl:value-of select="x:invoice"/></d:cell>
                </d:row>
              </xsl:for-each>
            </d:tbody>
          </d:table>
        </xsl:when>
        <xsl:otherwise><xsl:call-template name="ex-none"/></xsl:otherwise>
      </xsl:choose>
    </d:section>
  </xsl:template>

  <xsl:template name="ex-audit">
    <d:section id="audit">
      <d:title><xsl:call-template name="ex-s"><xsl:with-param name="id" select="'export.audit.title'"/></xsl:call-template></d:title>
      <d:p><xsl:call-template name="ex-s"><xsl:with-param name="id" select="'export.audit.intro'"/></xsl:call-template></d:p>
      <d:table rules="rows">
        <d:col width="32mm"/><d:col width="2*"/><d:col width="2*"/><d:col width="3*"/>
        <xsl:call-template name="ex-head">
          <xsl:with-param name="ids" select="'export.col.when export.col.user export.col.action export.col.record'"/>
        </xsl:call-template>
        <d:tbody>
          <xsl:for-each select="$E/x:audit/x:entry">
            <d:row>
              <d:cell><xsl:call-template name="ex-short-date"><xsl:with-param name="iso" select="x:at"/></xsl:call-template></d:cell>
              <d:cell>
                <xsl:choose>
                  <xsl:when test="$practitioner != '' and $one-account"><xsl:value-of select="$practitioner"/></xsl:when>
                  <xsl:when test="$practitioner != ''">
                    <xsl:call-template name="ex-s">
                      <xsl:with-param name="id" select="'export.user.account'"/>
                      <xsl:with-param name="a1" select="$practitioner"/>
                      <xsl:with-param name="a2" select="x:user"/>
                    </xsl:call-template>
                  </xsl:when>
                  <xsl:otherwise><xsl:call-template name="ex-s"><xsl:with-param name="id" select="'export.user.practice'"/></xsl:call-template></xsl:otherwise>
                </xsl:choose>
              </d:cell>
              <d:cell>
                <xsl:variable name="key" select="concat('export.action.', x:action)"/>
                <xsl:choose>
                  <xsl:when test="zd:entry($L, $key)"><xsl:call-template name="ex-s"><xsl:with-param name="id" select="$key"/></xsl:call-template></xsl:when>
                  <xsl:otherwise><xsl:value-of select="x:action"/></xsl:otherwise>
                </xsl:choose>
              </d:cell>
              <d:cell>
                <xsl:variable name="ekey" select="concat('export.entity.', x:entity)"/>
                <xsl:choose>
                  <xsl:when test="zd:entry($L, $ekey)"><xsl:call-template name="ex-s"><xsl:with-param name="id" select="$ekey"/></xsl:call-template></xsl:when>
                  <xsl:otherwise><xsl:value-of select="x:entity"/></xsl:otherwise>
                </xsl:choose>
                <xsl:call-template name="ex-record"/>
              </d:cell>
            </d:row>
          </xsl:for-each>
        </d:tbody>
      </d:table>
    </d:section>
  </xsl:template>

  <!-- What an audit entry's record is, in the client's terms (context:
       x:entry): the treatment's date, the invoice's number, the consent's
       subject, the document's kind; never the store's row id. -->
  <xsl:template name="ex-record">
    <xsl:variable name="r" select="string(x:record)"/>
    <xsl:choose>
      <xsl:when test="$r = ''"/>
      <xsl:when test="x:entity = 'treatment' and $E/x:treatments/x:treatment[@id = $r]">
        <xsl:text> </xsl:text>
        <xsl:call-template name="ex-s">
          <xsl:with-param name="id" select="'export.record.of'"/>
          <xsl:with-param name="a1"><xsl:call-template name="ex-short-date"><xsl:with-param name="iso" select="$E/x:treatments/x:treatment[@id = $r]/x:date"/></xsl:call-template></xsl:with-param>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="x:entity = 'invoice' and $E/x:invoices/x:invoice[@id = $r]">
        <xsl:value-of select="concat(' ', $E/x:invoices/x:invoice[@id = $r]/x:number)"/>
      </xsl:when>
      <xsl:when test="x:entity = 'consent' and $E/x:consents/x:consent[@id = $r]">
        <xsl:value-of select="concat(' (', normalize-space($E/x:consents/x:consent[@id = $r]/x:what), ')')"/>
      </xsl:when>
      <xsl:when test="x:entity = 'document' and $E/x:documents/x:document[@id = $r]">
        <xsl:value-of select="concat(' (', normalize-space(concat($E/x:documents/x:document[@id = $r]/x:kind, ' ', $E/x:documents/x:document[@id = $r]/x:version)), ')')"/>
      </xsl:when>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
