"""mibook: the machinery of the mutual-information book, built on ``infotheory``.

Everything here exists for the chapter, not for a user of the library: the demo data sets
(:mod:`mibook.datasets`), the experiments whose numbers the pages glue
(:mod:`mibook.experiments`, :mod:`mibook.experiments_continuous`), the grids of the kernel-free
explorers (:mod:`mibook.explorers`), their Vega-Lite specs and myst-nb renderer
(:mod:`mibook.vega`, :mod:`mibook.vega_renderer`), the live ipywidgets explorers
(:mod:`mibook.widgets`), the figures (:mod:`mibook.figures`) and the page helpers
(:mod:`mibook.page`).

The dependency runs one way: ``mibook`` imports ``infotheory``; ``infotheory`` never imports
``mibook``, matplotlib, altair or ipywidgets.
"""
