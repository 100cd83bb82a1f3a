<?xml version="1.0"?>
<!-- Tries to write a file with exsl:document: must fail. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:exsl="http://exslt.org/common" extension-element-prefixes="exsl">
  <xsl:output method="text"/>
  <xsl:template match="/">
    <exsl:document href="/tmp/zorgdoc-evil-write.txt" method="text">pwned</exsl:document>
  </xsl:template>
</xsl:stylesheet>
