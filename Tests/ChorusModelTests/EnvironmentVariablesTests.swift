import ChorusModel
import Foundation
import Testing

/// `EnvironmentVariables.named` reads the variables it is given, as `ProcessInfo` would.
@Suite struct EnvironmentVariablesTests {
    @Test func setVariablesAreReadAndUnsetOnesLeftOut() {
        let name = "CHORUS_TEST_ENV_\(getpid())"
        setenv(name, "/tmp/x y", 1)
        defer { unsetenv(name) }
        let values = EnvironmentVariables.named(name, "CHORUS_TEST_ENV_NEVER_SET")
        #expect(values == [name: "/tmp/x y"])
        #expect(values[name] == ProcessInfo.processInfo.environment[name])
    }

    @Test func anEmptyValueIsSetNotMissing() {
        let name = "CHORUS_TEST_ENV_EMPTY_\(getpid())"
        setenv(name, "", 1)
        defer { unsetenv(name) }
        #expect(EnvironmentVariables.named(name) == [name: ""])
    }
}
