"""Verification of the knowledge base on real TensorFlow stacks.

- `runner`: run entries' broken.py/fixed.py in worker processes and judge them
- `worker`: the script those processes run (standard library + TensorFlow only)
- `matrix`: the stacks (virtual environments per TF/Keras version) and where entries apply
- `report`: where `verification.json` lives and how results are folded into it

Importing this package is cheap: `report` is read on the explain path, the
rest loads only when verification runs.
"""
