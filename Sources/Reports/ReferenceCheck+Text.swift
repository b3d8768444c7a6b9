import Verification

extension ReferenceCheck {
    /// One sentence for reports: what the reference checked of itself.
    var sentence: String {
        "Reference self-check: the exact gradient agreed with Richardson finite differences (which do not use "
            + "the back-propagation sweep) on \(partialsPerCase) partial(s) of each of the first \(cases) case(s)."
    }
}
