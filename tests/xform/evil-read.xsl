<?xml version="1.0"?>
<!-- Tries to read a file outside the data directory: must fail. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="text"/>
  <xsl:template match="/"><xsl:value-of select="document('/etc/hostname')"/>X</xsl:template>
</xsl:stylesheet>
