enum BackpropCheckTestingPlaceholder {}
