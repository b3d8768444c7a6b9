/// The number of processors online, without Foundation.
public enum ProcessorCount {
    public static let online: Int = Platform.processorsOnline
}
