"""Interactive ipywidgets front ends: the law calculator now, the scenario player later."""
