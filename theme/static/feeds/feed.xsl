<?xml version="1.0" encoding="utf-8"?>
<!--
  Turns the site's RSS 2.0 and Atom 1.0 feeds into a readable French page when
  a browser opens them. Feed readers ignore it and get the plain feed.
  No inline style and no script: the site's Content-Security-Policy forbids
  them, so the page links /theme/css/feed.css. Summaries are shown as plain
  text (tags removed, common entities decoded): disable-output-escaping is
  not supported by every browser.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:atom="http://www.w3.org/2005/Atom"
    exclude-result-prefixes="atom">

  <xsl:output method="html" encoding="utf-8" indent="yes"
      doctype-system="about:legacy-compat"/>

  <xsl:template match="/">
    <xsl:variable name="kind">
      <xsl:choose>
        <xsl:when test="atom:feed">Atom</xsl:when>
        <xsl:otherwise>RSS</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="title"
        select="normalize-space(rss/channel/title | atom:feed/atom:title)"/>
    <xsl:variable name="self"
        select="(rss/channel/atom:link[@rel = 'self'] | atom:feed/atom:link[@rel = 'self'])[1]/@href"/>
    <xsl:variable name="site"
        select="(rss/channel/link | atom:feed/atom:link[@rel = 'alternate' or not(@rel)]/@href)[1]"/>
    <xsl:variable name="subtitle"
        select="normalize-space(rss/channel/description | atom:feed/atom:subtitle)"/>
    <html lang="fr">
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="robots" content="noindex"/>
        <title><xsl:value-of select="$title"/> · flux <xsl:value-of select="$kind"/></title>
        <link rel="stylesheet" href="/theme/css/feed.css"/>
      </head>
      <body>
        <aside class="feed-notice" aria-labelledby="feed-notice-title">
          <p class="feed-notice-title" id="feed-notice-title">
            <xsl:text>Ceci est un flux </xsl:text>
            <xsl:value-of select="$kind"/>
          </p>
          <p>
            Un flux permet de suivre les nouvelles publications d’un site sans
            avoir à le consulter : votre lecteur de flux les récupère pour vous
            dès leur parution.
            Pour vous abonner, copiez l’adresse de cette page dans votre lecteur
            de flux (application, extension de navigateur ou messagerie).
          </p>
          <xsl:if test="$self">
            <p>
              <xsl:text>Adresse du flux : </xsl:text>
              <code class="feed-url"><xsl:value-of select="$self"/></code>
            </p>
          </xsl:if>
          <p><a href="/abonnement/">Tous les flux du site</a></p>
        </aside>
        <main>
          <h1><xsl:value-of select="$title"/></h1>
          <xsl:if test="$subtitle">
            <p class="feed-subtitle"><xsl:value-of select="$subtitle"/></p>
          </xsl:if>
          <xsl:if test="$site">
            <p><a href="{$site}">Aller sur le site</a></p>
          </xsl:if>
          <xsl:choose>
            <xsl:when test="rss/channel/item | atom:feed/atom:entry">
              <ol class="feed-entries">
                <xsl:apply-templates select="rss/channel/item | atom:feed/atom:entry"/>
              </ol>
            </xsl:when>
            <xsl:otherwise>
              <p>Aucune publication dans ce flux pour l’instant.</p>
            </xsl:otherwise>
          </xsl:choose>
        </main>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="item">
    <xsl:call-template name="entry">
      <xsl:with-param name="title" select="title"/>
      <xsl:with-param name="link" select="link"/>
      <xsl:with-param name="summary" select="description"/>
      <xsl:with-param name="date">
        <xsl:call-template name="rfc822-to-iso">
          <xsl:with-param name="date" select="normalize-space(pubDate)"/>
        </xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="atom:entry">
    <xsl:call-template name="entry">
      <xsl:with-param name="title" select="atom:title"/>
      <xsl:with-param name="link"
          select="(atom:link[@rel = 'alternate' or not(@rel)])[1]/@href"/>
      <xsl:with-param name="summary" select="atom:summary"/>
      <xsl:with-param name="date"
          select="substring(normalize-space((atom:published | atom:updated)[1]), 1, 10)"/>
    </xsl:call-template>
  </xsl:template>

  <!-- One entry: linked title, date, summary as text. -->
  <xsl:template name="entry">
    <xsl:param name="title"/>
    <xsl:param name="link"/>
    <xsl:param name="summary"/>
    <xsl:param name="date"/>
    <li class="feed-entry">
      <h2>
        <xsl:choose>
          <xsl:when test="string($link)">
            <a href="{$link}"><xsl:value-of select="normalize-space($title)"/></a>
          </xsl:when>
          <xsl:otherwise><xsl:value-of select="normalize-space($title)"/></xsl:otherwise>
        </xsl:choose>
      </h2>
      <xsl:if test="string-length($date) = 10">
        <p class="feed-entry-date">
          <time datetime="{$date}">
            <xsl:call-template name="french-date">
              <xsl:with-param name="iso" select="$date"/>
            </xsl:call-template>
          </time>
        </p>
      </xsl:if>
      <xsl:variable name="plain">
        <xsl:call-template name="strip-tags">
          <xsl:with-param name="html" select="string($summary)"/>
        </xsl:call-template>
      </xsl:variable>
      <xsl:if test="normalize-space($plain)">
        <p class="feed-entry-summary"><xsl:value-of select="normalize-space($plain)"/></p>
      </xsl:if>
    </li>
  </xsl:template>

  <!-- "Sat, 01 Mar 2025 10:00:00 +0100" to "2025-03-01"; empty if unreadable. -->
  <xsl:template name="rfc822-to-iso">
    <xsl:param name="date"/>
    <xsl:variable name="rest">
      <xsl:choose>
        <xsl:when test="contains($date, ',')">
          <xsl:value-of select="normalize-space(substring-after($date, ','))"/>
        </xsl:when>
        <xsl:otherwise><xsl:value-of select="$date"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="day" select="substring-before($rest, ' ')"/>
    <xsl:variable name="month-name"
        select="substring-before(substring-after($rest, ' '), ' ')"/>
    <xsl:variable name="year"
        select="substring-before(substring-after(substring-after($rest, ' '), ' '), ' ')"/>
    <xsl:variable name="months" select="'JanFebMarAprMayJunJulAugSepOctNovDec'"/>
    <xsl:if test="string-length($month-name) = 3 and contains($months, $month-name)
                  and string-length($year) = 4 and number($day) = number($day)">
      <xsl:variable name="month"
          select="string-length(substring-before($months, $month-name)) div 3 + 1"/>
      <xsl:value-of
          select="concat($year, '-', format-number($month, '00'), '-', format-number($day, '00'))"/>
    </xsl:if>
  </xsl:template>

  <!-- "2025-03-01" to "1er mars 2025". -->
  <xsl:template name="french-date">
    <xsl:param name="iso"/>
    <xsl:variable name="day" select="number(substring($iso, 9, 2))"/>
    <xsl:variable name="month" select="number(substring($iso, 6, 2))"/>
    <xsl:value-of select="$day"/>
    <xsl:if test="$day = 1">er</xsl:if>
    <xsl:text> </xsl:text>
    <xsl:choose>
      <xsl:when test="$month = 1">janvier</xsl:when>
      <xsl:when test="$month = 2">février</xsl:when>
      <xsl:when test="$month = 3">mars</xsl:when>
      <xsl:when test="$month = 4">avril</xsl:when>
      <xsl:when test="$month = 5">mai</xsl:when>
      <xsl:when test="$month = 6">juin</xsl:when>
      <xsl:when test="$month = 7">juillet</xsl:when>
      <xsl:when test="$month = 8">août</xsl:when>
      <xsl:when test="$month = 9">septembre</xsl:when>
      <xsl:when test="$month = 10">octobre</xsl:when>
      <xsl:when test="$month = 11">novembre</xsl:when>
      <xsl:otherwise>décembre</xsl:otherwise>
    </xsl:choose>
    <xsl:text> </xsl:text>
    <xsl:value-of select="substring($iso, 1, 4)"/>
  </xsl:template>

  <!-- HTML text to plain text: tags dropped (block ends become spaces). -->
  <xsl:template name="strip-tags">
    <xsl:param name="html"/>
    <xsl:choose>
      <xsl:when test="contains($html, '&lt;')">
        <xsl:call-template name="decode-entities">
          <xsl:with-param name="text" select="substring-before($html, '&lt;')"/>
        </xsl:call-template>
        <xsl:variable name="after" select="substring-after($html, '&lt;')"/>
        <xsl:variable name="tag" select="translate(substring-before($after, '&gt;'), 'PBRLIHDV', 'pbrlihdv')"/>
        <xsl:if test="starts-with($tag, 'p') or starts-with($tag, '/p')
                      or starts-with($tag, 'br') or starts-with($tag, '/li')
                      or starts-with($tag, '/h') or starts-with($tag, '/div')">
          <xsl:text> </xsl:text>
        </xsl:if>
        <xsl:call-template name="strip-tags">
          <xsl:with-param name="html" select="substring-after($after, '&gt;')"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="decode-entities">
          <xsl:with-param name="text" select="$html"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The entities Markdown and its typography extension write. -->
  <xsl:template name="decode-entities">
    <xsl:param name="text"/>
    <xsl:choose>
      <xsl:when test="contains($text, '&amp;')">
        <xsl:value-of select="substring-before($text, '&amp;')"/>
        <xsl:variable name="rest" select="substring-after($text, '&amp;')"/>
        <xsl:variable name="name" select="substring-before($rest, ';')"/>
        <xsl:variable name="char">
          <xsl:choose>
            <xsl:when test="$name = 'amp' or $name = '#38'">&amp;</xsl:when>
            <xsl:when test="$name = 'lt' or $name = '#60'">&lt;</xsl:when>
            <xsl:when test="$name = 'gt' or $name = '#62'">&gt;</xsl:when>
            <xsl:when test="$name = 'quot' or $name = '#34'">"</xsl:when>
            <xsl:when test="$name = 'apos' or $name = '#39' or $name = '#x27'">'</xsl:when>
            <xsl:when test="$name = 'nbsp' or $name = '#160'">&#160;</xsl:when>
            <xsl:when test="$name = 'rsquo' or $name = '#8217'">&#8217;</xsl:when>
            <xsl:when test="$name = 'lsquo' or $name = '#8216'">&#8216;</xsl:when>
            <xsl:when test="$name = 'rdquo' or $name = '#8221'">&#8221;</xsl:when>
            <xsl:when test="$name = 'ldquo' or $name = '#8220'">&#8220;</xsl:when>
            <xsl:when test="$name = 'laquo' or $name = '#171'">&#171;</xsl:when>
            <xsl:when test="$name = 'raquo' or $name = '#187'">&#187;</xsl:when>
            <xsl:when test="$name = 'hellip' or $name = '#8230'">&#8230;</xsl:when>
            <xsl:when test="$name = 'ndash' or $name = '#8211'">&#8211;</xsl:when>
            <xsl:when test="$name = 'mdash' or $name = '#8212'">&#8212;</xsl:when>
          </xsl:choose>
        </xsl:variable>
        <xsl:choose>
          <xsl:when test="string($char)">
            <xsl:value-of select="$char"/>
            <xsl:call-template name="decode-entities">
              <xsl:with-param name="text" select="substring-after($rest, ';')"/>
            </xsl:call-template>
          </xsl:when>
          <xsl:otherwise>
            <xsl:text>&amp;</xsl:text>
            <xsl:call-template name="decode-entities">
              <xsl:with-param name="text" select="$rest"/>
            </xsl:call-template>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
