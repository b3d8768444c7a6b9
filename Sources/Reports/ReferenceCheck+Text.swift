import Conformance

extension ReferenceCheck {
    /// One sentence for reports: what the reference checked of itself, the
    /// comparisons that could not have failed counted apart.
    var sentence: String {
        var text = "Reference self-check: the exact gradient agreed with Richardson finite differences (which do not "
            + "use the back-propagation sweep) on \(agreed) of \(partialsPerCase * cases) comparison(s) "
            + "(\(partialsPerCase) partial(s) of each of the first \(cases) case(s))."
        if notCheckable > 0 {
            text += " \(notCheckable) comparison(s) were not checkable: the finite difference's error estimate was "
                + "as large as the value (deep saturation), so they could not have failed."
        }
        if straddlingKink > 0 { text += " \(straddlingKink) straddled a kink." }
        return text
    }
}
