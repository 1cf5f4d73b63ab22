# The workerd configuration of the runtime harness (harnesses.mjs writes it next to the bundled
# Worker with {{PORT}} filled in): one service running the suite, reachable on 127.0.0.1 only.
using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    # The Worker's outbound fetch may reach the loopback servers only.
    (name = "loopback", network = (allow = ["local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:{{PORT}}", http = (), service = "main")],
);
const worker :Workerd.Worker = (
  modules = [(name = "worker.mjs", esModule = embed "worker.mjs")],
  compatibilityDate = "2025-09-01",
  globalOutbound = "loopback",
);
