import { mountNav } from '../common/nav.js';

mountNav('questions');
document.body.dataset.ready = '1';
