import Foundation
import Testing
import NetworkModel

/// A network written as a network file reads back as the same network.
struct NetworkFileTests {
    static let root: String = {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()

    static func networks() throws -> [Network] {
        [Network.seed,
         try NetworkFile.read(contentsOfFile: root + "/Fixtures/networks/skip-tied.json"),
         try Network.dense(spec: "3-4-2/tanh,identity/mse"),
         try Network.dense(spec: "2-3-1/generic")]
    }

    @Test func aDescribedNetworkReadsBackUnitForUnit() throws {
        for network in try Self.networks() {
            let back = try NetworkFile(describing: network).network()
            #expect(back.name == network.name)
            #expect(back.inputs == network.inputs)
            #expect(back.parameters == network.parameters)
            #expect(back.units == network.units, "\(network.name)")
            #expect(back.objective == network.objective, "\(network.name)")
        }
    }

    @Test func aDescriptionSurvivesJSON() throws {
        for network in try Self.networks() {
            let file = NetworkFile(describing: network)
            let data = try JSONEncoder().encode(file)
            #expect(try JSONDecoder().decode(NetworkFile.self, from: data) == file)
            #expect(try NetworkFile.parse(data).units == network.units)
        }
    }

    @Test(arguments: [([4, 8, 1], [UnitActivation.fixed(.tanh), .fixed(.identity)], Loss.logistic),
                      ([3, 5, 1], [.generic], nil)])
    func aLayerStackReadsBackAsTheDenseNetwork(_ widths: [Int], _ activations: [UnitActivation], _ loss: Loss?) throws {
        let file = NetworkFile(widths: widths, activations: activations, loss: loss)
        let expected = try Network.dense(widths: widths, activations: activations, loss: loss)
        let back = try file.network()
        #expect(back.units == expected.units)
        #expect(back.parameters == expected.parameters)
        #expect(back.objective == expected.objective)
        #expect(file.layers?.count == widths.count - 1)
    }
}
