enum NotationPlaceholder {}
