<?xml version="1.0" encoding="UTF-8"?>
<!-- zorgnota.xsl — an invoice snapshot (urn:zorgdoc:invoice:1, see
     docs/invoice-snapshot.md) → a one-page zorgnota or creditnota in the
     document vocabulary (urn:zorgdoc:doc:1). Works from the snapshot alone:
     the same snapshot gives the same document for ever. Carries what
     insurers and the Belastingdienst ask for: practice name, address,
     KvK, AGB codes, association and RBCZ number; client name, address and
     birth date; per treatment date, prestatiecode, description, amount;
     count, total, number, date, payment term, IBAN and the VAT wording
     the practice declares. Every word comes from locales/ (nota.*).

     The look is frozen in the snapshot too (practice/presentation): the
     language (locales/<lang>.xml), the form of address (u / je) and the
     brand colour as they were when the invoice was issued. A snapshot
     without it (made before zorgdoc kept it) gets Dutch, "u" and the
     default colour.

     Parameter payment-qr: the EPC payment QR payload (src/cmd/epcqr.c
     builds it from this same snapshot), or empty for no code. When set,
     the code stands beside the payment text. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:zd="urn:zorgdoc:xslt:1"
    xmlns:i="urn:zorgdoc:invoice:1"
    xmlns:d="urn:zorgdoc:doc:1"
    xmlns:l="urn:zorgdoc:locale:1"
    exclude-result-prefixes="i l zd">

  <xsl:import href="common.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>

  <xsl:param name="payment-qr" select="''"/>

  <xsl:variable name="inv" select="/i:invoice"/>
  <xsl:variable name="look" select="$inv/i:practice/i:presentation"/>
  <!-- the snapshot's language and form of address win over common.xsl's
       parameters: an issued invoice keeps its words. "en" if the snapshot
       says so, else "nl"; "je" if it says so, else "u" (plain strings,
       not tree fragments: str reads them on every call) -->
  <xsl:variable name="locale" select="concat(substring('en', 1, 2 * ($look/@lang = 'en')), substring('nl', 1, 2 * not($look/@lang = 'en')))"/>
  <xsl:variable name="address" select="concat(substring('je', 1, 2 * ($look/@address = 'je')), substring('u', 1, not($look/@address = 'je')))"/>
  <xsl:variable name="P" select="$inv/i:practice"/>
  <xsl:variable name="C" select="$inv/i:client"/>
  <xsl:variable name="kind" select="string($inv/@kind)"/>
  <xsl:variable name="vat-column" select="count($inv/i:totals/i:vat-group) &gt; 1"/>
  <xsl:variable name="duration-column" select="boolean($inv/i:lines/i:line/i:duration-minutes)"/>

  <!-- "NL67INGB0006543210" → "NL67 INGB 0006 5432 10" -->
  <xsl:template name="iban">
    <xsl:param name="s"/>
    <xsl:value-of select="substring($s, 1, 4)"/>
    <xsl:if test="string-length($s) &gt; 4">
      <xsl:text> </xsl:text>
      <xsl:call-template name="iban">
        <xsl:with-param name="s" select="substring($s, 5)"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- "2023-11-04" → "04-11-2023" (table cells) -->
  <xsl:template name="short-date">
    <xsl:param name="iso"/>
    <xsl:value-of select="concat(substring($iso, 9, 2), '-', substring($iso, 6, 2), '-', substring($iso, 1, 4))"/>
  </xsl:template>

  <xsl:template name="money-of">
    <xsl:param name="cents"/>
    <xsl:call-template name="money"><xsl:with-param name="cents" select="$cents"/></xsl:call-template>
  </xsl:template>

  <xsl:template name="date-of">
    <xsl:param name="iso"/>
    <xsl:call-template name="date"><xsl:with-param name="iso" select="$iso"/></xsl:call-template>
  </xsl:template>

  <xsl:template name="field">
    <xsl:param name="label-id"/>
    <xsl:param name="value"/>
    <xsl:if test="string($value) != ''">
      <d:field>
        <xsl:attribute name="label">
          <xsl:call-template name="str"><xsl:with-param name="id" select="$label-id"/></xsl:call-template>
        </xsl:attribute>
        <xsl:value-of select="$value"/>
      </d:field>
    </xsl:if>
  </xsl:template>

  <xsl:template match="/">
    <xsl:if test="not($inv)">
      <xsl:message terminate="yes">zorgdoc: zorgnota.xsl needs an invoice snapshot (urn:zorgdoc:invoice:1)</xsl:message>
    </xsl:if>
    <xsl:variable name="title">
      <xsl:call-template name="str"><xsl:with-param name="id" select="concat('nota.title.', $kind)"/></xsl:call-template>
    </xsl:variable>
    <xsl:variable name="iban">
      <xsl:call-template name="iban"><xsl:with-param name="s" select="string($P/i:bank/i:iban)"/></xsl:call-template>
    </xsl:variable>
    <xsl:variable name="total">
      <xsl:call-template name="money-of"><xsl:with-param name="cents" select="$inv/i:totals/i:total-cents"/></xsl:call-template>
    </xsl:variable>
    <d:doc kind="invoice">
      <d:meta>
        <d:title><xsl:value-of select="$title"/></d:title>
        <d:subject><xsl:value-of select="concat($title, ' ', $inv/i:number)"/></d:subject>
        <d:author><xsl:value-of select="$P/i:name"/></d:author>
        <d:language><xsl:value-of select="$locale"/></d:language>
        <d:date><xsl:value-of select="$inv/i:date"/></d:date>
      </d:meta>
      <xsl:call-template name="brand-style">
        <xsl:with-param name="qname" select="'d:style'"/>
        <xsl:with-param name="font" select="$look/@font"/>
        <xsl:with-param name="colour" select="$look/@colour"/>
      </xsl:call-template>
      <d:letterhead>
        <d:name><xsl:value-of select="$P/i:name"/></d:name>
        <!-- the logo frozen at issue (none in older snapshots) -->
        <xsl:if test="$P/i:logo">
          <d:logo href="data:image/jpeg;base64,{$P/i:logo}" alt="{$P/i:name}"/>
        </xsl:if>
        <d:line>
          <xsl:call-template name="address-line"><xsl:with-param name="a" select="$P/i:address"/></xsl:call-template>
          <xsl:for-each select="$P/i:phone | $P/i:email">
            <xsl:value-of select="concat(' · ', .)"/>
          </xsl:for-each>
          <xsl:if test="$P/i:website">
            <!-- as the other documents show it: without "https://" and a
                 closing "/" -->
            <xsl:variable name="url" select="normalize-space($P/i:website)"/>
            <xsl:variable name="bare" select="concat(substring-after($url, '://'), substring($url, 1, string-length($url) * not(contains($url, '://'))))"/>
            <xsl:value-of select="concat(' · ', substring($bare, 1, string-length($bare) - (substring($bare, string-length($bare)) = '/')))"/>
          </xsl:if>
        </d:line>
        <d:line>
          <xsl:call-template name="str">
            <xsl:with-param name="id" select="'nota.kvk'"/>
            <xsl:with-param name="a1" select="$P/i:kvk"/>
          </xsl:call-template>
          <xsl:text> · </xsl:text>
          <xsl:call-template name="str">
            <xsl:with-param name="id" select="'nota.agb-practice'"/>
            <xsl:with-param name="a1" select="$P/i:agb-practice"/>
          </xsl:call-template>
          <xsl:if test="$P/i:vat-number">
            <xsl:text> · </xsl:text>
            <xsl:call-template name="str">
              <xsl:with-param name="id" select="'nota.vat-number'"/>
              <xsl:with-param name="a1" select="$P/i:vat-number"/>
            </xsl:call-template>
          </xsl:if>
        </d:line>
        <d:line>
          <xsl:if test="$P/i:therapist">
            <xsl:call-template name="str">
              <xsl:with-param name="id" select="'nota.therapist'"/>
              <xsl:with-param name="a1" select="$P/i:therapist"/>
            </xsl:call-template>
            <xsl:text>, </xsl:text>
          </xsl:if>
          <xsl:call-template name="str">
            <xsl:with-param name="id" select="'nota.agb-therapist'"/>
            <xsl:with-param name="a1" select="$P/i:agb-therapist"/>
          </xsl:call-template>
        </d:line>
        <d:line>
          <xsl:call-template name="str">
            <xsl:with-param name="id" select="'nota.association'"/>
            <xsl:with-param name="a1" select="$P/i:association/i:name"/>
            <xsl:with-param name="a2" select="$P/i:association/i:membership"/>
          </xsl:call-template>
          <xsl:if test="$P/i:rbcz">
            <xsl:text> · </xsl:text>
            <xsl:call-template name="str">
              <xsl:with-param name="id" select="'nota.rbcz'"/>
              <xsl:with-param name="a1" select="$P/i:rbcz"/>
            </xsl:call-template>
          </xsl:if>
        </d:line>
      </d:letterhead>
      <d:footer>
        <d:left>
          <xsl:value-of select="concat($P/i:name, ' · ', $inv/i:number, ' · ')"/>
          <xsl:call-template name="str">
            <xsl:with-param name="id" select="'nota.iban'"/>
            <xsl:with-param name="a1" select="$iban"/>
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
        <d:columns>
          <d:column>
            <d:address>
              <xsl:attribute name="label">
                <xsl:call-template name="str"><xsl:with-param name="id" select="'nota.to'"/></xsl:call-template>
              </xsl:attribute>
              <d:line><xsl:value-of select="$C/i:name"/></d:line>
              <xsl:if test="$C/i:guardian">
                <d:line>
                  <xsl:call-template name="str">
                    <xsl:with-param name="id" select="'nota.guardians'"/>
                    <xsl:with-param name="a1">
                      <xsl:call-template name="join"><xsl:with-param name="items" select="$C/i:guardian"/></xsl:call-template>
                    </xsl:with-param>
                  </xsl:call-template>
                </d:line>
              </xsl:if>
              <d:line><xsl:value-of select="$C/i:address/i:street"/></d:line>
              <d:line>
                <xsl:call-template name="postcode">
                  <xsl:with-param name="pc" select="$C/i:address/i:postcode"/>
                  <xsl:with-param name="country" select="$C/i:address/i:country"/>
                </xsl:call-template>
                <xsl:value-of select="concat('  ', $C/i:address/i:city)"/>
              </d:line>
              <xsl:if test="$C/i:address/i:country and $C/i:address/i:country != 'NL'">
                <d:line><xsl:value-of select="$C/i:address/i:country"/></d:line>
              </xsl:if>
            </d:address>
          </d:column>
          <d:column>
            <d:fields>
              <xsl:call-template name="field">
                <xsl:with-param name="label-id" select="concat('nota.field.number.', $kind)"/>
                <xsl:with-param name="value" select="$inv/i:number"/>
              </xsl:call-template>
              <xsl:call-template name="field">
                <xsl:with-param name="label-id" select="concat('nota.field.date.', $kind)"/>
                <xsl:with-param name="value">
                  <xsl:call-template name="date-of"><xsl:with-param name="iso" select="$inv/i:date"/></xsl:call-template>
                </xsl:with-param>
              </xsl:call-template>
              <xsl:if test="$inv/i:due-date">
                <xsl:call-template name="field">
                  <xsl:with-param name="label-id" select="'nota.field.due'"/>
                  <xsl:with-param name="value">
                    <xsl:call-template name="date-of"><xsl:with-param name="iso" select="$inv/i:due-date"/></xsl:call-template>
                  </xsl:with-param>
                </xsl:call-template>
              </xsl:if>
              <xsl:if test="$inv/i:credits">
                <xsl:call-template name="field">
                  <xsl:with-param name="label-id" select="'nota.field.credits'"/>
                  <xsl:with-param name="value" select="$inv/i:credits/i:number"/>
                </xsl:call-template>
              </xsl:if>
              <xsl:call-template name="field">
                <xsl:with-param name="label-id" select="'nota.field.client-ref'"/>
                <xsl:with-param name="value" select="$C/@ref"/>
              </xsl:call-template>
              <xsl:call-template name="field">
                <xsl:with-param name="label-id" select="'nota.field.birth-date'"/>
                <xsl:with-param name="value">
                  <xsl:call-template name="date-of"><xsl:with-param name="iso" select="$C/i:birth-date"/></xsl:call-template>
                </xsl:with-param>
              </xsl:call-template>
              <xsl:call-template name="field">
                <xsl:with-param name="label-id" select="'nota.field.insurer'"/>
                <xsl:with-param name="value" select="$C/i:insurer"/>
              </xsl:call-template>
              <xsl:call-template name="field">
                <xsl:with-param name="label-id" select="'nota.field.policy'"/>
                <xsl:with-param name="value" select="$C/i:policy-number"/>
              </xsl:call-template>
              <xsl:call-template name="field">
                <xsl:with-param name="label-id" select="'nota.field.bsn'"/>
                <xsl:with-param name="value" select="$C/i:bsn"/>
              </xsl:call-template>
            </d:fields>
          </d:column>
        </d:columns>
        <xsl:call-template name="lines-table"/>
        <xsl:choose>
          <xsl:when test="$kind = 'credit'">
            <d:p align="left">
              <xsl:call-template name="str">
                <xsl:with-param name="id" select="'nota.credit.text'"/>
                <xsl:with-param name="a1" select="$inv/i:credits/i:number"/>
                <xsl:with-param name="a2">
                  <xsl:call-template name="date-of"><xsl:with-param name="iso" select="$inv/i:credits/i:date"/></xsl:call-template>
                </xsl:with-param>
                <xsl:with-param name="a3" select="translate($total, '-', '')"/>
              </xsl:call-template>
            </d:p>
          </xsl:when>
          <xsl:when test="$payment-qr != ''">
            <!-- the payment text with the QR code beside it -->
            <d:columns>
              <d:column>
                <xsl:call-template name="payment"/>
              </d:column>
              <d:column width="38mm">
                <d:qr data="{$payment-qr}" size="28mm" align="right">
                  <xsl:attribute name="label">
                    <xsl:call-template name="str"><xsl:with-param name="id" select="'nota.qr.label'"/></xsl:call-template>
                  </xsl:attribute>
                </d:qr>
              </d:column>
            </d:columns>
          </xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="payment"/>
          </xsl:otherwise>
        </xsl:choose>
      </d:body>
    </d:doc>
  </xsl:template>

  <!-- what to pay, by when, to which account; and the small print -->
  <xsl:template name="payment">
    <xsl:variable name="iban">
      <xsl:call-template name="iban"><xsl:with-param name="s" select="string($P/i:bank/i:iban)"/></xsl:call-template>
    </xsl:variable>
    <xsl:variable name="total">
      <xsl:call-template name="money-of"><xsl:with-param name="cents" select="$inv/i:totals/i:total-cents"/></xsl:call-template>
    </xsl:variable>
    <d:p align="left">
      <xsl:call-template name="str">
        <xsl:with-param name="id" select="'nota.pay'"/>
        <xsl:with-param name="a1" select="$total"/>
        <xsl:with-param name="a2" select="$inv/i:payment-term-days"/>
        <xsl:with-param name="a3">
          <xsl:call-template name="date-of"><xsl:with-param name="iso" select="$inv/i:due-date"/></xsl:call-template>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:text> </xsl:text>
      <d:nobr><xsl:value-of select="$iban"/></d:nobr>
      <xsl:if test="$P/i:bank/i:bic">
        <xsl:text> (</xsl:text>
        <xsl:call-template name="str">
          <xsl:with-param name="id" select="'nota.bic'"/>
          <xsl:with-param name="a1" select="$P/i:bank/i:bic"/>
        </xsl:call-template>
        <xsl:text>)</xsl:text>
      </xsl:if>
      <xsl:text> </xsl:text>
      <xsl:call-template name="str">
        <xsl:with-param name="id" select="'nota.pay.to'"/>
        <xsl:with-param name="a1">
          <xsl:choose>
            <xsl:when test="$P/i:bank/i:account-holder"><xsl:value-of select="$P/i:bank/i:account-holder"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="$P/i:name"/></xsl:otherwise>
          </xsl:choose>
        </xsl:with-param>
        <xsl:with-param name="a2" select="$inv/i:number"/>
      </xsl:call-template>
    </d:p>
    <d:p size="small" align="left">
      <xsl:call-template name="str"><xsl:with-param name="id" select="'nota.smallprint'"/></xsl:call-template>
      <xsl:if test="$P/i:email">
        <xsl:text> </xsl:text>
        <xsl:call-template name="str">
          <xsl:with-param name="id" select="'nota.questions'"/>
          <xsl:with-param name="a1" select="$P/i:email"/>
        </xsl:call-template>
      </xsl:if>
    </d:p>
  </xsl:template>

  <xsl:template name="lines-table">
    <xsl:variable name="ncols" select="4 + number($vat-column) + number($duration-column)"/>
    <d:table rules="header">
      <d:col width="22mm"/>
      <d:col width="26mm"/>
      <d:col width="4*"/>
      <xsl:if test="$duration-column"><d:col width="16mm" align="numeric"/></xsl:if>
      <xsl:if test="$vat-column"><d:col width="20mm"/></xsl:if>
      <d:col width="26mm" align="numeric"/>
      <d:thead>
        <d:row>
          <d:cell><xsl:call-template name="str"><xsl:with-param name="id" select="'nota.col.date'"/></xsl:call-template></d:cell>
          <d:cell><xsl:call-template name="str"><xsl:with-param name="id" select="'nota.col.code'"/></xsl:call-template></d:cell>
          <d:cell><xsl:call-template name="str"><xsl:with-param name="id" select="'nota.col.description'"/></xsl:call-template></d:cell>
          <xsl:if test="$duration-column">
            <d:cell><xsl:call-template name="str"><xsl:with-param name="id" select="'nota.col.duration'"/></xsl:call-template></d:cell>
          </xsl:if>
          <xsl:if test="$vat-column">
            <d:cell><xsl:call-template name="str"><xsl:with-param name="id" select="'nota.col.vat'"/></xsl:call-template></d:cell>
          </xsl:if>
          <d:cell><xsl:call-template name="str"><xsl:with-param name="id" select="'nota.col.amount'"/></xsl:call-template></d:cell>
        </d:row>
      </d:thead>
      <d:tbody>
        <xsl:for-each select="$inv/i:lines/i:line">
          <d:row>
            <d:cell><xsl:call-template name="short-date"><xsl:with-param name="iso" select="i:date"/></xsl:call-template></d:cell>
            <d:cell><xsl:value-of select="i:prestatiecode"/></d:cell>
            <d:cell><xsl:value-of select="i:description"/></d:cell>
            <xsl:if test="$duration-column">
              <d:cell>
                <xsl:if test="i:duration-minutes">
                  <xsl:call-template name="str">
                    <xsl:with-param name="id" select="'nota.minutes'"/>
                    <xsl:with-param name="a1" select="i:duration-minutes"/>
                  </xsl:call-template>
                </xsl:if>
              </d:cell>
            </xsl:if>
            <xsl:if test="$vat-column">
              <d:cell><xsl:call-template name="str"><xsl:with-param name="id" select="concat('nota.vat.short.', i:vat)"/></xsl:call-template></d:cell>
            </xsl:if>
            <d:cell><xsl:call-template name="money-of"><xsl:with-param name="cents" select="i:amount-cents"/></xsl:call-template></d:cell>
          </d:row>
        </xsl:for-each>
        <d:row kind="subtotal">
          <d:cell span="{$ncols - 1}">
            <xsl:call-template name="str">
              <xsl:with-param name="id" select="'nota.count'"/>
              <xsl:with-param name="a1" select="$inv/i:totals/i:count"/>
            </xsl:call-template>
          </d:cell>
          <d:cell/>
        </d:row>
        <xsl:for-each select="$inv/i:totals/i:vat-group">
          <d:row>
            <d:cell span="{$ncols - 1}">
              <xsl:choose>
                <xsl:when test="@treatment = 'standard'">
                  <xsl:call-template name="str">
                    <xsl:with-param name="id" select="'nota.vat.standard'"/>
                    <xsl:with-param name="a1" select="@rate-percent"/>
                    <xsl:with-param name="a2">
                      <xsl:call-template name="money-of"><xsl:with-param name="cents" select="@amount-cents"/></xsl:call-template>
                    </xsl:with-param>
                  </xsl:call-template>
                </xsl:when>
                <xsl:otherwise>
                  <xsl:call-template name="str"><xsl:with-param name="id" select="concat('nota.vat.', @treatment)"/></xsl:call-template>
                </xsl:otherwise>
              </xsl:choose>
            </d:cell>
            <d:cell><xsl:call-template name="money-of"><xsl:with-param name="cents" select="@vat-cents"/></xsl:call-template></d:cell>
          </d:row>
        </xsl:for-each>
        <d:row kind="total">
          <d:cell span="{$ncols - 1}">
            <xsl:call-template name="str"><xsl:with-param name="id" select="concat('nota.total.', $kind)"/></xsl:call-template>
          </d:cell>
          <d:cell><xsl:call-template name="money-of"><xsl:with-param name="cents" select="$inv/i:totals/i:total-cents"/></xsl:call-template></d:cell>
        </d:row>
      </d:tbody>
    </d:table>
  </xsl:template>
</xsl:stylesheet>
