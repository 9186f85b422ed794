"""The docs site's sources (templates, assets, hand-written pages), installed as `explainer._docs`.

A package only so that a wheel carries them: `tfexplain site build` reads them from here.
"""
