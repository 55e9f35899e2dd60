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

    var lastId = 0;
    var openNewest = false;

    function element(tag, className, text) {
        var node = document.createElement(tag);
        if (className) {
            node.className = className;
        }
        if (text !== undefined && text !== null) {
            node.textContent = text;
        }
        return node;
    }

    function pretty(text) {
        try {
            return JSON.stringify(JSON.parse(text), null, 2);
        } catch (notJson) {
            return text;
        }
    }

    // The reply as the chat shows it: text as bubbles, buttons under their text, images, block pointers as chips.
    function render(replyText, target) {
        target.textContent = '';
        var reply;
        try {
            reply = JSON.parse(replyText);
        } catch (notJson) {
            target.appendChild(element('p', 'empty', 'The reply is not JSON.'));
            return;
        }
        if (!reply.blocks) {
            target.appendChild(element('p', 'failed', (reply.title || 'No reply') + (reply.detail ? ': ' + reply.detail : '')));
            return;
        }
        reply.blocks.forEach(function (block) {
            if (block.type === 'text') {
                target.appendChild(element('div', 'bubble', block.text));
            } else if (block.type === 'buttons') {
                var bubble = element('div', 'bubble', block.text);
                bubble.appendChild(document.createElement('br'));
                block.buttons.forEach(function (button) {
                    var label = button.title + (button.blockId ? ' → block ' + button.blockId : '')
                        + (button.url ? ' → ' + button.url : '');
                    bubble.appendChild(element('span', 'button', label));
                });
                target.appendChild(bubble);
            } else if (block.type === 'image') {
                var image = element('img');
                image.src = block.url;
                image.alt = block.alt || '';
                target.appendChild(image);
            } else if (block.id) {
                target.appendChild(element('div', 'chip', 'go to block ' + block.id));
            }
        });
        if (reply.attributes) {
            Object.keys(reply.attributes).forEach(function (name) {
                target.appendChild(element('div', 'chip', 'set ' + name + ' = ' + JSON.stringify(reply.attributes[name])));
            });
        }
    }

    var shownId = null;

    function replay(as) {
        if (shownId === null) {
            return;
        }
        var status = document.getElementById('replay-status');
        status.textContent = 'Sending…';
        fetch(base + 'deliveries/' + shownId + '/replay?as=' + as, {method: 'POST', headers: {'Accept': 'application/json'}})
            .then(function (response) { return response.json(); })
            .then(function (result) {
                status.textContent = result.status !== undefined && result.replyBody !== undefined
                    ? 'The receiver answered ' + result.status + '; the replay is the newest delivery below.'
                    : (result.title || 'Failed') + ': ' + (result.detail || '');
            })
            .catch(function (error) { status.textContent = 'The replay failed: ' + error.message; });
    }

    function copy(kind) {
        if (shownId === null) {
            return;
        }
        fetch(base + 'deliveries/' + shownId + '/commands', {headers: {'Accept': 'application/json'}})
            .then(function (response) { return response.json(); })
            .then(function (commands) {
                var shown = document.getElementById('command');
                var text = commands[kind];
                shown.hidden = false;
                if (text === undefined) {
                    shown.textContent = (commands.title || 'Failed') + ': ' + (commands.detail || '');
                    return;
                }
                shown.textContent = text === null
                    ? 'The sender cannot build this body (answers or parameters that are not text).' : text;
                if (text !== null && navigator.clipboard) {
                    navigator.clipboard.writeText(text).catch(function () { /* shown above to copy by hand */ });
                }
            });
    }

    document.getElementById('copy-curl').addEventListener('click', function () { copy('curl'); });
    document.getElementById('copy-sender').addEventListener('click', function () { copy('sender'); });
    document.getElementById('replay-same').addEventListener('click', function () { replay('same'); });
    document.getElementById('replay-resigned').addEventListener('click', function () { replay('resigned'); });

    function show(id) {
        shownId = id;
        document.getElementById('replay-status').textContent = '';
        document.getElementById('command').hidden = true;
        fetch(base + 'deliveries/' + id, {headers: {'Accept': 'application/json'}})
            .then(function (response) { return response.json(); })
            .then(function (delivery) {
                document.getElementById('detail').hidden = false;
                document.getElementById('detail-title').textContent = 'Delivery #' + delivery.id + ': '
                    + (delivery.handler || 'no handler') + ', ' + delivery.status + ' ' + delivery.outcome
                    + ', ' + delivery.durationMillis + ' ms';
                render(delivery.replyBody, document.getElementById('rendered'));
                document.getElementById('reply').textContent = pretty(delivery.replyBody);
                document.getElementById('request').textContent = pretty(delivery.requestBody);
                document.getElementById('token').textContent = delivery.token
                    ? JSON.stringify(delivery.token, null, 2) : 'no Bearer token';
            });
    }

    function poll() {
        fetch(base + 'deliveries?after=' + lastId, {headers: {'Accept': 'application/json'}})
            .then(function (response) { return response.ok ? response.json() : []; })
            .then(function (deliveries) {
                var body = document.querySelector('#deliveries tbody');
                deliveries.forEach(function (delivery) {
                    lastId = Math.max(lastId, delivery.id);
                    var row = document.createElement('tr');
                    row.setAttribute('data-delivery', delivery.id);
                    if (delivery.status >= 300) {
                        row.className = 'failed';
                    }
                    [delivery.id, delivery.at.substring(11, 23), delivery.bot, delivery.handler || '', delivery.status,
                        delivery.outcome, delivery.durationMillis].forEach(function (value) {
                        row.appendChild(element('td', null, String(value)));
                    });
                    row.addEventListener('click', function () { show(delivery.id); });
                    body.insertBefore(row, body.firstChild);
                });
                if (openNewest && deliveries.length > 0) {
                    openNewest = false;
                    show(lastId);
                }
            })
            .catch(function () { /* the server restarts during a redeploy: the next poll tries again */ })
            .then(function () { setTimeout(poll, 1000); });
    }

    function inputRow(tbodySelector, nameText, valueText) {
        var body = document.querySelector(tbodySelector);
        var tr = document.createElement('tr');
        [nameText, valueText].forEach(function (text) {
            var td = document.createElement('td');
            var input = document.createElement('input');
            input.type = 'text';
            input.value = text;
            td.appendChild(input);
            tr.appendChild(td);
        });
        body.appendChild(tr);
    }

    function pairs(tbodySelector, asJson) {
        var result = {};
        document.querySelectorAll(tbodySelector + ' tr').forEach(function (tr) {
            var inputs = tr.querySelectorAll('input');
            var name = inputs[0].value.trim();
            if (name === '') {
                return;
            }
            var value = inputs[1].value;
            if (asJson) {
                try {
                    value = JSON.parse(value);
                } catch (text) {
                    // not JSON: sent as text
                }
            }
            result[name] = value;
        });
        return result;
    }

    function option(select, value, label) {
        var item = document.createElement('option');
        item.value = value;
        item.textContent = label;
        select.appendChild(item);
    }

    fetch(base + 'bots', {headers: {'Accept': 'application/json'}})
        .then(function (response) { return response.json(); })
        .then(function (bots) {
            var select = document.getElementById('compose-bot');
            bots.forEach(function (bot) {
                option(select, bot.name, bot.name + ' (' + bot.path + ')' + (bot.signs ? '' : ', no secret'));
            });
        });
    fetch(base + 'handlers', {headers: {'Accept': 'application/json'}})
        .then(function (response) { return response.json(); })
        .then(function (handlers) {
            var select = document.getElementById('compose-handler');
            handlers.forEach(function (handler) { option(select, handler.name, handler.name); });
        });
    inputRow('#compose-form tbody', 'name', 'Ada');
    document.getElementById('compose-add-value').addEventListener('click', function () {
        inputRow('#compose-form tbody', '', '');
    });
    document.getElementById('compose-add-parameter').addEventListener('click', function () {
        inputRow('#compose-parameters tbody', '', '');
    });
    document.getElementById('compose').addEventListener('submit', function (event) {
        event.preventDefault();
        var composed = {bot: document.getElementById('compose-bot').value};
        if (document.getElementById('compose-raw-on').checked) {
            composed.rawBody = document.getElementById('compose-raw').value;
        } else {
            composed.handler = document.getElementById('compose-handler').value;
            composed.formValues = pairs('#compose-form tbody', false);
            composed.parameters = pairs('#compose-parameters tbody', true);
        }
        var status = document.getElementById('compose-status');
        status.textContent = 'Sending…';
        fetch(base + 'send', {method: 'POST', headers: {'Content-Type': 'application/json', 'Accept': 'application/json'},
            body: JSON.stringify(composed)})
            .then(function (response) { return response.json(); })
            .then(function (result) {
                if (result.replyBody === undefined) {
                    status.textContent = (result.title || 'Failed') + ': ' + (result.detail || '');
                    return;
                }
                status.textContent = 'The receiver answered ' + result.status + '.';
                openNewest = true;
            })
            .catch(function (error) { status.textContent = 'Sending failed: ' + error.message; });
    });

    document.getElementById('transcript-save').href = base + 'transcript';

    function runTranscript(text) {
        var status = document.getElementById('transcript-status');
        status.textContent = 'Running…';
        fetch(base + 'transcript/run', {method: 'POST',
            headers: {'Content-Type': 'application/json', 'Accept': 'application/json'}, body: text})
            .then(function (response) { return response.json(); })
            .then(function (result) {
                if (!result.steps) {
                    status.textContent = (result.title || 'Failed') + ': ' + (result.detail || '');
                    return;
                }
                var differing = result.steps.filter(function (step) { return !step.asRecorded; }).length;
                status.textContent = result.steps.length + ' deliveries run again; '
                    + (differing === 0 ? 'every reply as recorded.'
                        : differing === 1 ? '1 reply differs.' : differing + ' replies differ.');
                var table = document.getElementById('transcript-results');
                var body = table.querySelector('tbody');
                body.textContent = '';
                result.steps.forEach(function (step) {
                    var tr = document.createElement('tr');
                    tr.className = step.asRecorded ? 'same' : 'failed';
                    tr.setAttribute('data-step', step.index + 1);
                    [step.index + 1, step.bot, step.recordedStatus, step.status].forEach(function (value) {
                        tr.appendChild(element('td', null, String(value)));
                    });
                    var reply = element('td');
                    if (step.asRecorded) {
                        reply.textContent = 'as recorded';
                    } else {
                        reply.appendChild(element('pre', null, 'recorded: ' + JSON.stringify(step.recordedReply, null, 2)));
                        reply.appendChild(element('pre', null, 'now: ' + JSON.stringify(step.reply, null, 2)));
                    }
                    tr.appendChild(reply);
                    body.appendChild(tr);
                });
                table.hidden = false;
            })
            .catch(function (error) { status.textContent = 'The transcript did not run: ' + error.message; });
    }

    document.getElementById('transcript-file').addEventListener('change', function (event) {
        var file = event.target.files[0];
        if (file) {
            file.text().then(runTranscript);
        }
    });

    poll();
}());
