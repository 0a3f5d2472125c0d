/// <reference types="vite/client" />
// Vite's client types: CSS files imported for their side effect (main.tsx) are bundled by Vite.
