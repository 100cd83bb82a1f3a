<?xml version="1.0"?>
<!-- Includes a stylesheet outside the data directory: must fail to load. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="/etc/passwd"/>
  <xsl:template match="/">X</xsl:template>
</xsl:stylesheet>
