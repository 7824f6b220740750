// The portal's own script, loaded by blazor.web.js as a JS initializer (named after the assembly), so it also runs
// after enhanced navigation. Progressive enhancement only: every page works without it.

// The window page (/office/window): a "scan QR code" button where the browser can read QR codes from a camera
// (BarcodeDetector and a camera); the code read fills the fingerprint field and submits it, as a handheld scanner does.
let stopScanning = null;

export function afterWebStarted(blazor) {
    enhanceWindow();
    blazor.addEventListener('enhancedload', () => {
        // Another page (or this one re-rendered): a camera left running would stay on with nothing showing it.
        stopScanning?.();
        enhanceWindow();
    });
}

// Elements already given their listeners: enhanced navigation may keep an element (resetting its attributes) or replace it.
const enhanced = new WeakSet();

function enhanceWindow() {
    const input = document.getElementById('fp');
    const scan = document.getElementById('fp-scan');
    if (!input || !scan) return;

    // A scanner types into the focused field: select what is there so the next scan replaces it.
    if (!enhanced.has(input)) {
        enhanced.add(input);
        input.addEventListener('focus', () => input.select());
    }
    if (document.activeElement === input) input.select();

    canScan().then(can => {
        if (!can) return; // no button, no message: the field and a handheld scanner still work
        scan.style.display = '';
        scan.setAttribute('aria-expanded', 'false');
        if (!enhanced.has(scan)) {
            enhanced.add(scan);
            scan.addEventListener('click', startScanning);
        }
    });
}

async function canScan() {
    if (!('BarcodeDetector' in window) || !navigator.mediaDevices?.getUserMedia) return false;
    try {
        const formats = await window.BarcodeDetector.getSupportedFormats();
        if (!formats.includes('qr_code')) return false;
        const devices = await navigator.mediaDevices.enumerateDevices();
        return devices.some(d => d.kind === 'videoinput');
    } catch {
        return false;
    }
}

async function startScanning() {
    stopScanning?.();
    const input = document.getElementById('fp');
    const scan = document.getElementById('fp-scan');
    const panel = document.getElementById('fp-camera');
    const video = document.getElementById('fp-video');
    const status = document.getElementById('fp-scan-status');
    const stopButton = document.getElementById('fp-scan-stop');
    panel.hidden = false;
    scan.setAttribute('aria-expanded', 'true');

    let stream;
    try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
    } catch {
        // Refused or busy: say so next to the button; typing and the handheld scanner remain.
        show(video, false);
        show(stopButton, false);
        status.textContent = scan.dataset.unavailable;
        scan.setAttribute('aria-expanded', 'false');
        return;
    }

    let running = true;
    const stop = (refocus) => {
        if (!running) return;
        running = false;
        stopScanning = null;
        stream.getTracks().forEach(track => track.stop());
        video.srcObject = null;
        panel.hidden = true;
        scan.setAttribute('aria-expanded', 'false');
        document.removeEventListener('keydown', onKey);
        if (refocus) scan.focus();
    };
    const onKey = e => { if (e.key === 'Escape') stop(true); };
    stopScanning = () => stop(false);
    stopButton.onclick = () => stop(true);
    document.addEventListener('keydown', onKey);

    show(video, true);
    show(stopButton, true);
    video.srcObject = stream;
    status.textContent = scan.dataset.aim;
    try { await video.play(); } catch { /* autoplay of a muted inline video is allowed; detection below still reads frames */ }
    stopButton.focus();

    const detector = new window.BarcodeDetector({ formats: ['qr_code'] });
    const look = async () => {
        if (!running) return;
        try {
            const codes = await detector.detect(video);
            const text = codes.map(c => c.rawValue).find(v => v);
            if (text) {
                stop(false);
                // The whole text, as a handheld scanner would type it; the server finds the fingerprint in it.
                input.value = text;
                input.form.requestSubmit();
                return;
            }
        } catch { /* a frame not ready yet */ }
        setTimeout(look, 250);
    };
    look();
}

// The video and the buttons have display set by style, which the hidden attribute does not override.
function show(element, visible) {
    element.style.display = visible ? (element.tagName === 'VIDEO' ? 'block' : '') : 'none';
}
