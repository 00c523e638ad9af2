// ChatX's GraphiQL: the endpoints come from the page's query (?path=...&wsPath=..., set by
// the server's redirect) and must be on this origin. The headers editor's content is sent
// with every HTTP request and, for subscriptions, as the connection_init payload, which is
// where ChatX reads the Authorization header on a WebSocket.
(function () {
    const params = new URLSearchParams(window.location.search);
    const url = new URL(params.get('path') || '/graphql', window.location.origin);
    if (url.origin !== window.location.origin) {
        throw new Error('The GraphQL endpoint must be on the same origin as this page');
    }
    const wsOrigin = (window.location.protocol === 'https:' ? 'wss://' : 'ws://') + window.location.host;
    const subscriptionUrl = new URL(params.get('wsPath') || '/graphql', wsOrigin);
    if (subscriptionUrl.origin !== wsOrigin) {
        throw new Error('The GraphQL WebSocket endpoint must be on the same origin as this page');
    }
    const fetcher = GraphiQL.createFetcher({ url: url.href, subscriptionUrl: subscriptionUrl.href });
    const defaultQuery = [
        '# Welcome to ChatX. Sign in first:',
        '#',
        '#   mutation { login(input: {login: "alice", password: "..."}) { accessToken } }',
        '#',
        '# then put the access token in Headers below:',
        '#',
        '#   { "Authorization": "Bearer <accessToken>" }',
        '',
        '{ me { username } }',
        '',
    ].join('\n');
    ReactDOM.createRoot(document.getElementById('graphiql')).render(
        React.createElement(GraphiQL, {
            fetcher: fetcher,
            defaultQuery: defaultQuery,
            defaultEditorToolsVisibility: 'headers',
            headerEditorEnabled: true,
            shouldPersistHeaders: true,
        }),
    );
})();
