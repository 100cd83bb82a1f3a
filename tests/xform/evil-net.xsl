<?xml version="1.0"?>
<!-- Tries to reach the network with document(): must fail. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="text"/>
  <xsl:template match="/"><xsl:value-of select="document('http://127.0.0.1:9/x.xml')"/>X</xsl:template>
</xsl:stylesheet>
