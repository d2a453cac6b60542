/* Stands in for pydata-sphinx-theme's 1.5 MB Font Awesome SVG-with-JavaScript bundle, which
   the theme loads on every page only "so that users can add custom icons". The theme's own
   stylesheet already draws each icon it uses from the Font Awesome web fonts it ships, and this
   book adds no custom icons, so the bundle would only repaint the same icons as SVG.
   (Copied over the theme's file because html_static_path is copied after the theme's static files.) */
