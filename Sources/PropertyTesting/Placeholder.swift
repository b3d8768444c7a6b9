enum PropertyTestingPlaceholder {}
