// vault-ls for VS Code: starts the server for Markdown files and passes the
// `vault-ls.*` settings on. The server does the rest (diagnostics, completion,
// navigation, renames, and links rewritten when files move in the explorer).
const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

let client;

function activate(context) {
  const configuration = vscode.workspace.getConfiguration('vault-ls');
  const command = configuration.get('server.path') || 'vault-ls';
  const server = { command, transport: TransportKind.stdio };
  client = new LanguageClient(
    'vault-ls',
    'vault-ls',
    { run: server, debug: server },
    {
      documentSelector: [{ scheme: 'file', language: 'markdown' }],
      // The same nested shape the server reads from workspace/configuration.
      initializationOptions: {
        diagnostics: configuration.get('diagnostics'),
        codeLens: configuration.get('codeLens'),
      },
      synchronize: { configurationSection: 'vault-ls' },
      middleware: {
        // The server's lens command returns the backlinks; this extension's
        // own command shows them in VS Code's references view.
        provideCodeLenses: async (document, token, next) => {
          const lenses = (await next(document, token)) || [];
          for (const lens of lenses) {
            if (lens.command && lens.command.command === 'vault-ls.showBacklinks') {
              lens.command.command = 'vault-ls.openBacklinks';
            }
          }
          return lenses;
        },
      },
    }
  );
  context.subscriptions.push(
    vscode.commands.registerCommand('vault-ls.openBacklinks', async (uri) => {
      const locations = await client.sendRequest('workspace/executeCommand', {
        command: 'vault-ls.showBacklinks',
        arguments: [uri],
      });
      const converted = (locations || []).map((location) => client.protocol2CodeConverter.asLocation(location));
      await vscode.commands.executeCommand(
        'editor.action.showReferences', vscode.Uri.parse(uri), new vscode.Position(0, 0), converted);
    })
  );
  client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
