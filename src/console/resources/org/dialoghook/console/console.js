// The console's page: fills the table of handlers from <base>handlers. Text is set with textContent only.
(function () {
    'use strict';
    var base = document.body.getAttribute('data-base');

    function cell(row, text, empty) {
        var td = document.createElement('td');
        if (text === null || text === undefined || text === '') {
            td.textContent = empty;
            td.className = 'empty';
        } else {
            td.textContent = text;
        }
        row.appendChild(td);
    }

    function kind(handler) {
        return handler.kind + ', ' + handler.scope + (handler.asynchronous ? ', asynchronous' : '');
    }

    fetch(base + 'handlers', {headers: {'Accept': 'application/json'}})
        .then(function (response) {
            if (!response.ok) {
                throw new Error('HTTP ' + response.status);
            }
            return response.json();
        })
        .then(function (handlers) {
            var body = document.querySelector('#handlers tbody');
            handlers.forEach(function (handler) {
                var row = document.createElement('tr');
                row.setAttribute('data-handler', handler.name);
                cell(row, handler.name, '');
                cell(row, handler.beanClass, '');
                cell(row, kind(handler), '');
                cell(row, handler.bots === null ? null : handler.bots.join(', '), 'every bot');
                cell(row, handler.timeout, '');
                cell(row, handler.fallbackBlock, 'none');
                cell(row, handler.invalidFormBlock, 'none');
                body.appendChild(row);
            });
            document.getElementById('status').textContent = handlers.length + ' handler(s) registered.';
        })
        .catch(function (error) {
            document.getElementById('status').textContent = 'The handlers could not be read: ' + error.message;
        });
}());
