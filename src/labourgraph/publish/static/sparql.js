// YASGUI on the endpoint's /sparql page: queries go to this server only, the graph's prefixes
// are known to the editor, and each saved query opens in its own tab with one click.
// Settings come from the page (a JSON script element), so this file holds no data.
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("lg-config").textContent);
  var endpoint = new URL(config.endpoint, window.location.href).href;
  var prefixesUrl = new URL(config.prefixesUrl, window.location.href).href;

  // Prefix and variable completion only: the class and property completers look terms up on
  // a remote vocabulary service. Set on the defaults, because YASGUI merges a configured
  // list into its default one index by index (the remote completers would stay).
  var completers = ["prefixes", "variables"];
  Yasgui.Yasqe.defaults.autocompleters = completers.slice();
  Yasgui.defaults.yasqe.autocompleters = completers.slice();

  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    // One endpoint: this one. The default catalogue lists remote endpoints.
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } },
    // Nothing kept in the browser's storage: a reload shows the server's queries as they are.
    persistenceId: null,
    populateFromUrl: false,
    yasqe: {
      value: config.query,
      autocompleters: completers.slice(),
      // The prefixes the editor completes (and declares as they are typed): the graph's own.
      prefixCcApi: prefixesUrl,
      persistenceId: null,
    },
    yasr: { prefixes: config.prefixes, persistenceId: null },
  });

  function tabNamed(name) {
    var tabs = yasgui._tabs;
    for (var id in tabs) {
      if (Object.prototype.hasOwnProperty.call(tabs, id) && tabs[id].name() === name) {
        return tabs[id];
      }
    }
    return null;
  }

  function openSaved(saved) {
    var tab = tabNamed(saved.name);
    if (tab === null) {
      tab = yasgui.addTab(true, { name: saved.name, yasqe: { value: saved.text } });
    } else {
      yasgui.selectTabId(tab.getId());
    }
    return tab;
  }

  var buttons = document.querySelectorAll("button.saved-query");
  Array.prototype.forEach.call(buttons, function (button) {
    button.addEventListener("click", function () {
      openSaved(config.queries[Number(button.dataset.index)]);
    });
  });
  window.labourgraphYasgui = yasgui;
})();
