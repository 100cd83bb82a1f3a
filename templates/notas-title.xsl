<?xml version="1.0" encoding="UTF-8"?>
<!-- notas-title.xsl — the title of the merged PDF of a batch of zorgnota's
     (`invoice batch -o DIR`, notas-PERIOD.pdf) as plain text, for
     src/cmd/invoice.c: "Zorgnota's Chakora, november 2023" (nota.batch.title
     in the practice's language). Parameters: practice (its name) and
     period (YYYY-MM). The input document is ignored. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="common.xsl"/>
  <xsl:output method="text" encoding="UTF-8"/>
  <xsl:param name="practice" select="''"/>
  <xsl:param name="period" select="''"/>
  <xsl:template match="/">
    <xsl:variable name="m" select="number(substring($period, 6, 2))"/>
    <xsl:call-template name="str">
      <xsl:with-param name="id" select="'nota.batch.title'"/>
      <xsl:with-param name="a1" select="normalize-space($practice)"/>
      <xsl:with-param name="a2" select="concat($L-months[$m], ' ', substring($period, 1, 4))"/>
    </xsl:call-template>
  </xsl:template>
</xsl:stylesheet>
