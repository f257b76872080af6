// A reporter that prints nothing: for tools that read jest's JSON results and report themselves.
class SilentReporter {
  onTestResult() {}
  getLastError() {
    return undefined;
  }
}
module.exports = SilentReporter;
